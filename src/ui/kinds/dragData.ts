/** The drag-and-drop payload type of a palette item: its data is the kind's name (`service`). */
export const KIND_DRAG_TYPE = 'application/x-crosstalk-kind';
