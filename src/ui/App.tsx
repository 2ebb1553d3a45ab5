/**
 * The playground: stores created once per page (the document restored from the last visit, or
 * the one in a share link), then the workspace.
 */
import { useState } from 'react';
import { connectSimulation } from '../worker/connect.ts';
import { createStores, StoresProvider, type Stores } from './app/stores.tsx';
import { Workspace } from './app/Workspace.tsx';
import { initialDocument } from './persistence/initialDocument.ts';

export function App({ stores: given }: { stores?: Stores } = {}) {
  const [stores] = useState(() => given ?? createStores(connectSimulation(), initialDocument()));
  return (
    <StoresProvider stores={stores}>
      <Workspace />
    </StoresProvider>
  );
}
