/** The document the page opens with. Placeholder: restores nothing yet (see issue #3). */
import { emptyDocument, type DocumentInput } from '../../store/document/commands.ts';

export function initialDocument(): DocumentInput {
  return emptyDocument();
}
