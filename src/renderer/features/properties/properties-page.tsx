import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { PageId } from './draft-common.js';
import type { HostDraft, PoolDraft } from './draft-host.js';
import type { VmDraft } from './draft-vm.js';
import type { PageProps } from './page-props.js';
import { AlertsPage } from './pages/alerts-page.js';
import { BootPage } from './pages/boot-page.js';
import { CpuPage } from './pages/cpu-page.js';
import { CustomFieldsPage } from './pages/custom-fields-page.js';
import { GeneralPage } from './pages/general-page.js';
import { HomeServerPage } from './pages/home-server-page.js';
import { LogDestinationPage } from './pages/log-destination-page.js';
import { MemoryPage } from './pages/memory-page.js';
import { MigrationNetworkPage } from './pages/migration-network-page.js';
import { PowerOnPage } from './pages/power-on-page.js';
import { StartPage } from './pages/start-page.js';

/** Narrows the page props to a VM's (the page list only offers VM pages for a VM). */
function asVm(props: PageProps): PageProps<VmDraft, XapiRecord<'VM'>> | null {
  return props.draft.class === 'VM' && props.object.$type === 'VM' ? (props as PageProps<VmDraft, XapiRecord<'VM'>>) : null;
}

/** The page the dialog shows now. */
export function PropertiesPage({ page, props }: { page: PageId; props: PageProps }) {
  const vm = asVm(props);
  switch (page) {
    case 'general':
      return <GeneralPage {...props} />;
    case 'customFields':
      return <CustomFieldsPage {...props} />;
    case 'cpu':
      return vm && <CpuPage {...vm} />;
    case 'memory':
      return vm && <MemoryPage {...vm} />;
    case 'boot':
      return vm && <BootPage {...vm} />;
    case 'start':
      return vm && <StartPage {...vm} />;
    case 'homeServer':
      return vm && <HomeServerPage {...vm} />;
    case 'alerts':
      return props.draft.class === 'host' || props.draft.class === 'VM' ? <AlertsPage {...(props as PageProps<VmDraft | HostDraft>)} /> : null;
    case 'logDestination':
      return props.draft.class === 'host' ? <LogDestinationPage {...(props as PageProps<HostDraft>)} /> : null;
    case 'powerOn':
      return props.draft.class === 'host' ? <PowerOnPage {...(props as PageProps<HostDraft>)} /> : null;
    case 'migrationNetwork':
      return props.draft.class === 'pool' ? <MigrationNetworkPage {...(props as PageProps<PoolDraft>)} /> : null;
  }
}
