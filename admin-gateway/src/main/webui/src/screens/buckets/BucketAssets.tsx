import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { metering, ok } from '../../api/http';
import { dateTime } from '../../ui/format';

/**
 * The asset ids a bucket counts, picked among the client's assets (metering names the client by its external id), or
 * typed. None: the bucket counts the client's other usage of the meter.
 */
export function BucketAssets({
  clientExternalId,
  value,
  onChange,
  error,
  disabled,
}: {
  clientExternalId: string | undefined;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const [filter, setFilter] = useState('');
  const [typed, setTyped] = useState('');
  const known = useQuery({
    queryKey: ['assets', 'of-client', clientExternalId],
    queryFn: () => ok(metering.GET('/api/v1/assets', { params: { query: { client: clientExternalId, size: 500, sort: 'id' } } })),
    enabled: !!clientExternalId,
    staleTime: 60_000,
  });
  const assets = known.data?.items ?? [];
  const knownIds = new Set(assets.map((a) => a.id ?? ''));
  const others = value.filter((id) => !knownIds.has(id));
  const f = filter.trim().toLowerCase();
  const shown = assets.filter((a) => !f || `${a.id} ${a.name ?? ''} ${a.source ?? ''}`.toLowerCase().includes(f));
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  const add = () => {
    const id = typed.trim();
    if (id && !value.includes(id)) onChange([...value, id]);
    setTyped('');
  };
  return (
    <fieldset className="field" aria-label="Assets" style={{ gap: 6 }} disabled={disabled}>
      <span style={{ fontWeight: 600, fontSize: 12 }}>Assets</span>
      <small className="muted">
        {value.length
          ? `The bucket counts the usage of ${value.length} asset${value.length === 1 ? '' : 's'}.`
          : 'None picked: the bucket counts the client’s usage of the meter that no other bucket counts.'}
      </small>
      {!clientExternalId ? (
        <small className="muted">Pick a client to choose among its assets.</small>
      ) : known.isError ? (
        <small className="down">Could not read the client’s assets from metering; type their ids below.</small>
      ) : (
        <>
          <input
            type="text"
            aria-label="Filter the client's assets"
            placeholder="Filter assets"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <div style={{ maxHeight: 200, overflowY: 'auto', border: '1px solid var(--line)', borderRadius: 5, padding: 6 }}>
            {known.isPending ? <span className="muted">Loading assets…</span> : null}
            {known.data && !shown.length ? <span className="muted">No asset of this client{f ? ' matches' : ' yet'}.</span> : null}
            {shown.map((a) => (
              <label key={a.id} className="check">
                <input type="checkbox" checked={value.includes(a.id ?? '')} onChange={(e) => toggle(a.id ?? '', e.target.checked)} />
                <code>{a.id}</code>
                {a.name ? <span>{a.name}</span> : null}
                <span className="muted">
                  {a.source ?? ''} · last seen {dateTime(a.lastSeen)}
                </span>
              </label>
            ))}
          </div>
        </>
      )}
      {others.map((id) => (
        <label key={id} className="check">
          <input type="checkbox" checked onChange={() => toggle(id, false)} />
          <code>{id}</code>
          <span className="muted">{clientExternalId ? 'not among the client’s assets' : ''}</span>
        </label>
      ))}
      <span style={{ display: 'flex', gap: 6 }}>
        <input
          type="text"
          aria-label="Asset id to add"
          placeholder="Add an asset id"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!typed.trim()}>
          Add asset
        </button>
      </span>
      {error ? (
        <small role="alert" className="field-error">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}
