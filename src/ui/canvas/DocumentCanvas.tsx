/**
 * The canvas proper: React Flow controlled from the document store. Nodes come from
 * `document.nodes` (one component per kind, from the kinds registry), edges from
 * `document.links`; every edit is a document command (add by dropping from the palette, connect by
 * dragging handle to handle, move, delete, copy/paste/duplicate), so each is one undo step.
 * The message overlay draws on top, inside React Flow's viewport.
 */
import { useCallback, useRef, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { linkId } from '../../model/index.ts';
import { useDocument, useStores, useUi } from '../app/stores.tsx';
import { KIND_DRAG_TYPE } from '../kinds/dragData.ts';
import { EDGE_COMPONENTS } from '../kinds/linkKinds.ts';
import { NODE_COMPONENTS, nodeKindSpec } from '../kinds/registry.ts';
import { addNodeOfKind } from './addNode.ts';
import { useWholeInView } from './useWholeInView.ts';
import { canConnect, connectionProblem, newLink } from './connection.ts';
import { EmptyHint } from './EmptyHint.tsx';
import { useWelcome, WelcomeCard } from './WelcomeCard.tsx';
import type { DocumentFlowEdge, DocumentFlowNode } from './flowElements.ts';
import { useCanvasBridge } from './useCanvasBridge.ts';
import { useCanvasKeys } from './useCanvasKeys.ts';
import { useContextMenu } from './useContextMenu.ts';
import { useDefaultPositions } from './useDefaultPositions.ts';
import { useFlowElements } from './useFlowElements.ts';
import { deferred } from '../app/deferred.tsx';
import './canvas.css';

/**
 * The messages in flight come apart from the first page: there is nothing to draw before the first
 * Play, and the overlay's code (renderer, styles, following a request) arrives right after the first paint.
 */
const MessageOverlay = deferred(() => import('../overlay/MessageOverlay.tsx').then((m) => m.MessageOverlay));

/** Shift adds to the selection (as in most editors), as do the platform's Ctrl and Cmd. */
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

/** The canvas inside a React Flow provider (see the file comment). */
export function DocumentCanvas() {
  const stores = useStores();
  const flow = useReactFlow<DocumentFlowNode, DocumentFlowEdge>();
  const wholeInView = useWholeInView();
  const container = useRef<HTMLDivElement>(null);
  const doc = useDocument((s) => s.document);
  const theme = useUi((s) => s.theme);
  const fallback = useDefaultPositions(doc);
  const { nodes, edges, onNodesChange, onEdgesChange, onSelectionChange } = useFlowElements(fallback);
  useCanvasBridge(container, nodes, fallback);
  const onKeyDown = useCanvasKeys();
  const onContextMenu = useContextMenu();
  const welcome = useWelcome();

  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(stores.document.getState().document, c.source, c.target),
    [stores],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const { document: documentStore, ui } = stores;
      const doc = documentStore.getState().document;
      if (!canConnect(doc, c.source, c.target)) return;
      const link = newLink(doc, c.source, c.target);
      documentStore.getState().dispatch({ type: 'connect', link });
      // Selected, the new link's protocol and latency are right there in the inspector.
      ui.getState().select({ linkIds: [linkId(link)] });
    },
    [stores],
  );

  // A refused drop says why, rather than silently doing nothing.
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.toNode) return;
      const problem = connectionProblem(stores.document.getState().document, state.fromNode.id, state.toNode.id);
      if (problem) stores.ui.getState().notify(`Cannot connect: ${problem}.`, 'info');
    },
    [stores],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const spec = nodeKindSpec(event.dataTransfer.getData(KIND_DRAG_TYPE));
      if (!spec) return;
      event.preventDefault();
      addNodeOfKind(stores, spec, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      container.current?.focus({ preventScroll: true });
    },
    [stores, flow],
  );

  return (
    // Drops are taken by the whole canvas area, so a node dropped on the welcome card lands too.
    <div
      ref={container}
      className="canvas"
      role="region"
      aria-label="Diagram"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<DocumentFlowNode, DocumentFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_COMPONENTS}
        edgeTypes={EDGE_COMPONENTS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2.5}
        // Deleting is a document command, handled with the other keys in useCanvasKeys. Space is
        // Play/Pause (usePlaybackShortcuts): React Flow's Space-to-pan would swallow it (dragging
        // the background pans anyway).
        deleteKeyCode={null}
        panActivationKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        edgesReconnectable={false}
        elevateEdgesOnSelect
      >
        <Background gap={20} size={1} />
        {/* The minimap shows where the rest of the system is: none while all of it is in view (see useWholeInView.ts). */}
        {!wholeInView && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the diagram"
            nodeClassName={(n) => `canvas-minimap-node canvas-minimap-node--${n.type ?? ''}`}
          />
        )}
        <Controls showInteractive={false} aria-label="Zoom" />
        <MessageOverlay />
      </ReactFlow>
      {doc.nodes.length === 0 && (welcome.shown ? <WelcomeCard onDismiss={welcome.dismiss} /> : <EmptyHint />)}
    </div>
  );
}
