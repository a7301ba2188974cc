import type { Letter } from '../../src/core/compose.js';

/** A composed letter as the mail tests need one: to the minister of UA 901.26, in Spanish; `fields` say what differs. */
export const aLetter = (fields: Partial<Letter> = {}): Letter => ({
  actionId: '901.26',
  lang: 'es',
  targetId: 'minister',
  subject: 'Acción Urgente 901.26',
  to: ['ministra@justicia.example'],
  sender: [],
  dateline: '',
  recipient: ['Ministra Ñúñez'],
  salutation: 'Señora Ministra:',
  paragraphs: ['Le pido que los ponga en libertad.'],
  closing: 'Atentamente,',
  signature: [],
  blanks: [],
  postal: false,
  ...fields,
});
