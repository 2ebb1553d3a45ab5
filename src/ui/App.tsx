/**
 * The playground: stores created once per page (the document restored from the last visit, or
 * the one in a share link; the lesson followed on the last visit, over its autosaved system),
 * then the workspace.
 */
import { useState } from 'react';
import { connectSimulation } from '../worker/connect.ts';
import { createStores, StoresProvider, type Stores } from './app/stores.tsx';
import { Workspace } from './app/Workspace.tsx';
import { initialDocument, startupSource } from './persistence/initialDocument.ts';
import { traceWindowRows } from './overlay/overlaySwitch.ts';

export function App({ stores: given }: { stores?: Stores } = {}) {
  const [stores] = useState(() => {
    if (given) return given;
    const document = initialDocument();
    // The lesson followed before the reload comes back only over the learner's own (autosaved) system.
    return createStores(connectSimulation(), document, { restoreLesson: startupSource() === 'saved', windowRows: traceWindowRows() });
  });
  return (
    <StoresProvider stores={stores}>
      <Workspace />
    </StoresProvider>
  );
}
