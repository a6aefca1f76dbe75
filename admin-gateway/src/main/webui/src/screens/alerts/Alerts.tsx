import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { Tabs } from '../../ui/filters';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Dialog, SecretDialog } from '../../ui/dialogs';
import { AlertRuleForm } from './AlertRuleForm';
import { AlertRules } from './AlertRules';
import { AlertStates } from './AlertStates';
import type { AlertRule } from './ruleText';

const TABS: [string, string][] = [
  ['states', 'Alert states'],
  ['rules', 'Alert rules'],
];
// Each tab is its own list: its sort and filters start over.
const FRESH = Object.fromEntries(['sort', 'status', 'rule', 'client'].map((k) => [k, undefined]));

/** Where every rule stands per client, bucket or meter, and the rules themselves. */
export default function Alerts() {
  const params = useListParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const tab = params.get('tab') === 'rules' ? 'rules' : 'states';
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AlertRule>();
  return (
    <>
      <PageTitle title="Alerts">
        {hasRole('admin', 'operator') ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New alert rule
          </button>
        ) : null}
      </PageTitle>
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={(t) => params.set({ ...FRESH, tab: t === 'states' ? undefined : t })}
      />
      {tab === 'rules' ? <AlertRules /> : <AlertStates />}
      <Dialog open={creating} onClose={() => setCreating(false)} title="New alert rule">
        <AlertRuleForm
          onCancel={() => setCreating(false)}
          onSaved={(rule) => {
            setCreating(false);
            if (rule.webhook?.secret) setCreated(rule);
            else navigate(`/alerts/rules/${rule.id}`);
          }}
        />
      </Dialog>
      <SecretDialog
        open={!!created}
        title="Webhook signing secret"
        what="the webhook signing secret"
        secret={created?.webhook?.secret}
        onClose={() => {
          const id = created?.id;
          setCreated(undefined);
          if (id) navigate(`/alerts/rules/${id}`);
        }}
      />
    </>
  );
}
