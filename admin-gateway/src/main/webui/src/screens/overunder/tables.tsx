import { Link } from 'react-router';
import type { Panel } from '../../api/gateway';
import type { PageOf, PricingSchemas, ProjectionSchemas } from '../../api/types';
import { money, percent, quantity } from '../../ui/format';
import { Empty } from '../../ui/states';

type Candidate = ProjectionSchemas['RightSizeCandidate'];
type Amount = ProjectionSchemas['OverUnderAmount'];
type UnitTypeRow = ProjectionSchemas['OverUnderUnitType'];
type UnitType = PricingSchemas['UnitType'];

/** The under-commit clients paying most for commit they do not use: the conversations to have at renewal. */
export function RightSize({ rows, total }: { rows: Candidate[]; total: Amount[] }) {
  if (!rows.length) return <Empty>No client is under its commit.</Empty>;
  return (
    <>
      <table aria-label="Right-size candidates">
        <thead>
          <tr>
            <th>Client</th>
            <th>Unit types</th>
            <th className="num">Committed</th>
            <th className="num">Buffer</th>
            <th className="num">Buffer units</th>
            <th className="num">% unused</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.client}-${r.currency}`}>
              <td>
                <Link to={`/clients/${r.client}`}>{r.externalId ?? r.client}</Link>
              </td>
              <td>
                <Link to={`/buckets?client=${r.client}`} title="Its buckets">
                  {(r.unitTypes ?? []).join(', ') || '—'}
                </Link>
              </td>
              <td className="num">{money(r.committed, r.currency)}</td>
              <td className="num">{money(r.buffer, r.currency)}</td>
              <td className="num">{quantity(r.bufferUnits)}</td>
              <td className="num">
                <Unused value={r.percentUnused} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>Total buffer this period, all clients</th>
            <th className="num">
              {total.length ? total.map((t) => <div key={t.currency}>{money(t.amount, t.currency)}</div>) : '—'}
            </th>
            <th colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </>
  );
}

/** A share of the commit left unused, with a bar. */
function Unused({ value }: { value: string | undefined }) {
  const n = Math.max(0, Math.min(100, Number(value ?? 0)));
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <span className="progress" style={{ width: 60 }} aria-hidden="true">
        <div style={{ width: `${n}%`, background: 'var(--warn)' }} />
      </span>
      {percent(value)}
    </span>
  );
}

/** Per unit type: units above (positive) or below (negative) the commits, and the money either way. */
export function UnitTypeTable({ rows, unitTypes }: { rows: UnitTypeRow[]; unitTypes: Panel<PageOf<UnitType>> | undefined }) {
  if (!rows.length) return <Empty>No bucket had a closed period yet.</Empty>;
  const byId = new Map((unitTypes?.data?.items ?? []).map((u) => [u.id, u]));
  return (
    <>
      <table aria-label="By unit type">
        <thead>
          <tr>
            <th>Unit type</th>
            <th>Meter</th>
            <th className="num">Δ units</th>
            <th className="num">Overage</th>
            <th className="num">Buffer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const type = byId.get(r.unitType);
            const delta = r.deltaUnits ?? '';
            return (
              <tr key={`${r.unitType}-${r.currency}`}>
                <td>
                  <Link to={`/buckets?unitType=${r.unitType}`} title="Its buckets">
                    {r.name ?? type?.name ?? r.unitType}
                  </Link>
                </td>
                <td>{type?.meter ?? '—'}</td>
                <td className={`num ${delta.startsWith('-') ? 'up' : Number(delta) > 0 ? 'down' : ''}`}>
                  {Number(delta) > 0 ? '+' : ''}
                  {quantity(delta)}
                </td>
                <td className="num">{money(r.overage, r.currency)}</td>
                <td className="num">{money(r.buffer, r.currency)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        Δ units: usage minus commit, summed over the unit type's buckets; positive is over commit.
        {unitTypes?.status === 'unavailable' ? ' Pricing is unavailable: meters are not shown.' : ''}
      </p>
    </>
  );
}
