import { Tabs } from '../../ui/filters';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { ApiKeys } from './ApiKeys';
import { AuditLog } from './AuditLog';
import { Suppressions } from './Suppressions';

const TABS: [string, string][] = [
  ['api-keys', 'API keys'],
  ['suppressions', 'Ingest suppressions'],
  ['audit', 'Audit log'],
];
// Each tab is its own list: its sort, size and filters start over.
const FRESH = Object.fromEntries(['sort', 'size', 'status', 'target', 'table', 'recordId', 'entry'].map((k) => [k, undefined]));

/** API keys for ingest and reads, ingest suppressions, and every service's audit log. */
export default function Settings() {
  const params = useListParams();
  const asked = params.get('tab');
  const tab = TABS.some(([t]) => t === asked) ? asked! : 'api-keys';
  return (
    <>
      <PageTitle title="Settings" />
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={(t) => params.set({ ...FRESH, tab: t === 'api-keys' ? undefined : t })}
      />
      {tab === 'api-keys' ? <ApiKeys /> : null}
      {tab === 'suppressions' ? <Suppressions /> : null}
      {tab === 'audit' ? <AuditLog /> : null}
    </>
  );
}
