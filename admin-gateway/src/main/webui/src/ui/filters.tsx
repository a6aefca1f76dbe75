import { useEffect, useState } from 'react';

/** A search box that updates the URL once typing pauses. "/" focuses it. */
export function SearchBox({ label, value, onChange }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const t = window.setTimeout(() => onChange(text || undefined), 300);
    return () => window.clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <label className="filter">
      <span>{label}</span>
      <input type="search" value={text} placeholder="/ to search" onChange={(e) => setText(e.target.value)} />
    </label>
  );
}

export function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Tabs kept in the URL (?tab=). */
export function Tabs({ tabs, value, onChange }: { tabs: [string, string][]; value: string; onChange: (v: string) => void }) {
  return (
    <div role="tablist" className="tabs">
      {tabs.map(([v, text]) => (
        <button key={v} type="button" role="tab" aria-selected={v === value} onClick={() => onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}
