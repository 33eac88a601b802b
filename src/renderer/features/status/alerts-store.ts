import { create } from 'zustand';

/** Whether the alerts list (opened from the status bar or View > Alerts) is showing. */
export interface AlertsPopoverState {
  readonly open: boolean;
  setOpen(open: boolean): void;
}

export const useAlertsPopoverStore = create<AlertsPopoverState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
