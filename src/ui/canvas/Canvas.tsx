/**
 * The diagram editor: the document's nodes and links drawn with React Flow, edited through
 * document commands. See DocumentCanvas for what it does; this file only gives it its own React
 * Flow context (the rest of the page talks to the canvas through canvasBridge.ts).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { DocumentCanvas } from './DocumentCanvas.tsx';

/** The canvas area of the workspace. */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <DocumentCanvas />
    </ReactFlowProvider>
  );
}
