import { create } from 'zustand';

/** What the task panel remembers for this window: the XAPI tasks of other clients a person cleared. */
export interface TaskPanelState {
  readonly dismissedTaskIds: ReadonlySet<string>;
  dismissTasks(taskIds: Iterable<string>): void;
}

export const useTaskPanelStore = create<TaskPanelState>()((set) => ({
  dismissedTaskIds: new Set(),
  dismissTasks: (taskIds) =>
    set((state) => {
      const dismissedTaskIds = new Set(state.dismissedTaskIds);
      for (const id of taskIds) dismissedTaskIds.add(id);
      return { dismissedTaskIds };
    }),
}));
