import type { Action } from '../../core/action.js';
import { faxNumber } from '../../core/fax.js';
import type { FaxNumbers } from './record.js';

/** A pack of faxes is journaled as faxes, each to its target's number (E.164), as `ua compose --format fax` does. */
export function faxChannel(action: Action): FaxNumbers {
  return (letter) => {
    const target = action.targets.find((candidate) => candidate.id === letter.targetId);
    return (target && faxNumber(action, target)?.e164) ?? letter.targetId;
  };
}
