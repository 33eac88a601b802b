import { useId, useState, type ReactNode } from 'react';
import { ConsoleTab } from '../features/console/console-tab.js';
import { resolveSubject, subjectTitle, subjectTypeLabel, tabsFor, type DetailsSubject, type TabName } from '../features/details/details-subject.js';
import { DetailsTabs } from '../features/details/details-tabs.js';
import { GeneralTab } from '../features/details/general-tab.js';
import { MemoryTab } from '../features/details/memory-tab.js';
import { NetworkingTab } from '../features/details/networking-tab.js';
import { NicsTab } from '../features/details/nics-tab.js';
import { SearchTab } from '../features/details/search-tab.js';
import { SelectionSummaryView } from '../features/details/selection-summary-view.js';
import { StorageTab } from '../features/details/storage-tab.js';
import { DetailsSubjectIcon } from '../features/details/subject-icon.js';
import { useMirror } from '../features/details/use-mirror.js';
import { PerformanceTab } from '../features/performance/performance-tab.js';
import { SnapshotsTab } from '../features/snapshots/snapshots-tab.js';
import { UpdatesTab } from '../features/updates/updates-tab.js';
import { PoolConnectionPanel } from '../features/pools/pool-connection-panel.js';
import { parseSelectionKey, useTreeUiStore } from '../features/tree/tree-ui-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import '../features/details/details.css';

function TabContent({ tab, subject }: { tab: TabName; subject: DetailsSubject }) {
  switch (tab) {
    case 'General':
      return <GeneralTab subject={subject} />;
    case 'Memory':
      return <MemoryTab subject={subject} />;
    case 'Storage':
      return <StorageTab subject={subject} />;
    case 'Networking':
      return <NetworkingTab subject={subject} />;
    case 'NICs':
      return subject.kind === 'host' ? <NicsTab host={subject.object} /> : null;
    case 'Console':
      return subject.object ? <ConsoleTab objectId={subject.object.$id} /> : null;
    case 'Performance':
      return <PerformanceTab subject={subject} />;
    case 'Snapshots':
      return subject.kind === 'vm' ? <SnapshotsTab vm={subject.object} /> : null;
    case 'Updates':
      return subject.kind === 'host' || subject.kind === 'pool' ? <UpdatesTab subject={subject.object} /> : null;
    case 'Search':
      return <SearchTab subject={subject} />;
  }
}

/**
 * The right pane: the selected object's icon, name and kind, then XenCenter's tabs for that kind. The chosen tab
 * stays chosen while the selection moves between objects that have it (as XenCenter does).
 */
export function DetailsPane({ fallback }: { fallback: ReactNode }) {
  const ids = useId();
  const key = useTreeUiStore((state) => state.selectedKey);
  const { subject, name } = useMirror(
    (index) => {
      const found = resolveSubject(key, index);
      return { subject: found, name: found ? subjectTitle(index, found) : '' };
    },
    [key],
  );
  const [chosen, setChosen] = useState<TabName>('General');
  // A pool row of a pool that is not connected shows its connection, not a stale mirror or the Welcome page.
  const offlinePoolId = usePoolsStore((state) => {
    const parsed = parseSelectionKey(key);
    return parsed?.kind === 'pool' && state.pools.get(parsed.id)?.state !== 'connected' && state.pools.has(parsed.id) ? parsed.id : null;
  });
  const many = useTreeUiStore((state) => state.selectedKeys.length > 1);
  if (offlinePoolId) return <PoolConnectionPanel poolId={offlinePoolId} />;
  if (many) return <SelectionSummaryView />;
  if (!subject) return <>{fallback}</>;
  const tabs = tabsFor(subject.kind);
  const active = tabs.includes(chosen) ? chosen : tabs[0]!;
  const tabId = (tab: TabName) => `${ids}-tab-${tab}`;
  const panelId = (tab: TabName) => `${ids}-panel-${tab}`;
  return (
    <div className="details-pane">
      <header className="details-header">
        <DetailsSubjectIcon subject={subject} />
        <h1 className="subject-title">{name}</h1>
        <span className="details-kind">{subjectTypeLabel(subject)}</span>
      </header>
      <DetailsTabs tabs={tabs} active={active} label={`${name} tabs`} onSelect={setChosen} tabId={tabId} panelId={panelId} />
      <div className={`details-panel details-panel-${active.toLowerCase()}`} role="tabpanel" id={panelId(active)} aria-labelledby={tabId(active)}>
        <TabContent key={`${subject.key}/${active}`} tab={active} subject={subject} />
      </div>
    </div>
  );
}
