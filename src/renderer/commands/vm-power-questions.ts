import type { Settings } from '../../shared/api/settings-schema.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { saveSettings } from '../app/save-settings.js';
import { useAppStore } from '../store/app-store.js';
import type { Confirmation } from './ask-to-confirm.js';
import type { CommandContext, CommandSelection } from './command.js';
import { describeObjects } from './selection-facts.js';

type Vm = XapiRecord<'VM'>;
type Question = keyof Settings['confirmVmPower'];

const questions: Record<Question, { title: string; verb: string; what: string; confirmLabel: string }> = {
  shutdown: { title: 'Shut Down VM', verb: 'Shut down', what: 'The guest is asked to shut down cleanly.', confirmLabel: 'Shut Down' },
  reboot: { title: 'Reboot VM', verb: 'Reboot', what: 'The guest is asked to restart cleanly.', confirmLabel: 'Reboot' },
  suspend: { title: 'Suspend VM', verb: 'Suspend', what: 'Its memory is saved to disk and it stops running until it is resumed.', confirmLabel: 'Suspend' },
};

/**
 * XenCenter asks before a clean shut down, reboot or suspend, by default: the question, unless the person ticked
 * "Don't ask me again" for it (kept in settings.confirmVmPower, which the question's box turns off).
 */
export function vmPowerQuestion(kind: Question): (vms: readonly Vm[], selection: CommandSelection, context: CommandContext) => Confirmation | undefined {
  return (vms, _selection, { bridge }) => {
    const settings = useAppStore.getState().settings;
    if (!settings.confirmVmPower[kind]) return undefined;
    const { title, verb, what, confirmLabel } = questions[kind];
    return {
      title,
      message: `${verb} ${describeObjects(vms, 'VM')}? ${what}`,
      confirmLabel,
      dontAskAgain: () => {
        const now = useAppStore.getState().settings.confirmVmPower;
        void saveSettings(bridge, { confirmVmPower: { ...now, [kind]: false } });
      },
    };
  };
}
