// A plan's charges as a person reads a rate card: each meter's price, and the prices that vary by dimension.
import { money, quantity } from '../../ui/format';
import { Empty } from '../../ui/states';
import { unitMoney } from '../margin/figures';
import type { ChargeSpec, PriceSpec } from './plans';

type Tier = NonNullable<PriceSpec['tiers']>[number];
// The API sends decimals as strings or numbers; the generated type says number.
const s = (v: number | string | null | undefined) => (v === null || v === undefined ? undefined : String(v));

function tiers(list: Tier[] | undefined, currency: string): string {
  return (list ?? [])
    .map((t) => {
      const bound = t.upTo === null || t.upTo === undefined ? 'above' : `up to ${quantity(s(t.upTo))}`;
      const fee = t.flatFee ? ` + ${money(s(t.flatFee), currency)} flat` : '';
      return `${bound}: ${unitMoney(s(t.unitPrice), currency)}${fee}`;
    })
    .join('; ');
}

/** One price in words: "0.00001 USD per unit", "commit 720 units for 300.00 USD, then 0.45 per unit"... */
export function priceText(p: PriceSpec | undefined, currency: string): string {
  if (!p) return '—';
  let text: string;
  switch (p.model) {
    case 'FLAT':
      text = `flat ${money(s(p.amount), currency)}`;
      break;
    case 'PER_UNIT':
      text = `${unitMoney(s(p.unitPrice), currency)} per unit`;
      break;
    case 'PACKAGE':
      text = `${money(s(p.packagePrice), currency)} per ${quantity(s(p.packageSize))} units`;
      break;
    case 'GRADUATED':
      text = `graduated: ${tiers(p.tiers, currency)}`;
      break;
    case 'VOLUME':
      text = `volume: ${tiers(p.tiers, currency)}`;
      break;
    case 'COMMIT':
      text = `commit ${quantity(s(p.commitUnits))} units for ${money(s(p.basePrice), currency)}`;
      text += `, then ${unitMoney(s(p.overageUnitPrice), currency)} per unit`;
      break;
    default:
      text = p.model ?? '—';
  }
  if (p.minimum !== undefined && p.minimum !== null) text += `; minimum ${money(s(p.minimum), currency)}`;
  if (p.maximum !== undefined && p.maximum !== null) text += `; maximum ${money(s(p.maximum), currency)}`;
  return text;
}

export function ChargesTable({ charges, currency, label }: { charges: ChargeSpec[] | undefined; currency: string; label: string }) {
  if (!charges?.length) return <Empty>No charges.</Empty>;
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th>Charge</th>
            <th>Meter</th>
            <th>Description</th>
            <th>Price</th>
            <th>By dimension</th>
          </tr>
        </thead>
        <tbody>
          {charges.map((c, i) => (
            <tr key={c.key ?? i}>
              <td>
                <code>{c.key}</code>
              </td>
              <td>{c.meter}</td>
              <td>{c.description ?? ''}</td>
              <td style={{ whiteSpace: 'normal' }}>
                {c.price ? priceText(c.price, currency) : <span className="muted">no default: unmatched usage is unpriced</span>}
              </td>
              <td style={{ whiteSpace: 'normal' }}>
                {c.dimensionPrices?.length ? (
                  <ul className="plain">
                    {c.dimensionPrices.map((d, j) => (
                      <li key={j}>
                        <code>
                          {Object.entries(d.match ?? {})
                            .map(([k, v]) => `${k}=${v}`)
                            .join(', ')}
                        </code>
                        : {priceText(d.price, currency)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
