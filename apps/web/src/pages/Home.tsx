import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Agency, Area, CodeLists, Marac, SignedInPerson } from '@waymark/domain';
import { api, ApiError } from '../api';
import { Table } from '../components/Table';

interface HomeData {
  areas: Area[];
  agencies: Agency[];
  maracs: Marac[];
  codes: CodeLists;
}

const AREA_TYPE_ORDER = { pfa: 0, csp: 1, lad: 2 } as const;

export function Home({ me }: { me: SignedInPerson }) {
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      api<Area[]>('/areas'),
      api<Agency[]>('/agencies'),
      api<Marac[]>('/maracs'),
      api<CodeLists>('/reference/code-lists'),
    ])
      .then(([areas, agencies, maracs, codes]) => setData({ areas, agencies, maracs, codes }))
      .catch((e) => setError(e instanceof ApiError ? e.message : 'The partnership could not be loaded.'));
  }, []);

  if (error)
    return (
      <div className="govuk-error-summary" role="alert">
        <h2 className="govuk-error-summary__title">{error}</h2>
      </div>
    );
  if (!data)
    return (
      <p className="govuk-body" role="status">
        Loading your partnership…
      </p>
    );

  const label = (list: keyof CodeLists, code: string | null) =>
    code ? (data.codes[list].find((c) => c.code === code)?.label ?? code) : 'Not recorded';
  const areas = [...data.areas].sort(
    (a, b) => AREA_TYPE_ORDER[a.type] - AREA_TYPE_ORDER[b.type] || a.name.localeCompare(b.name),
  );
  const sectorsCovered = new Set(data.agencies.map((a) => a.sector)).size;

  return (
    <>
      <h1 className="govuk-heading-l">Areas and agencies</h1>
      <p className="govuk-body-l">
        {me.role === 'agency_submitter'
          ? 'You send returns and self-audits for one agency.'
          : `You can see ${data.areas.length} ${data.areas.length === 1 ? 'area' : 'areas'}, ${data.agencies.length} agencies across ${sectorsCovered} sectors, and ${data.maracs.length} ${data.maracs.length === 1 ? 'Marac' : 'Maracs'}.`}
      </p>

      <Table
        caption="Areas"
        rows={areas}
        rowKey={(a) => a.code}
        columns={[
          { header: 'Area', rowHeader: true, cell: (a) => a.name },
          { header: 'Level', cell: (a) => label('areaTypes', a.type) },
          { header: 'GSS code', cell: (a) => a.code },
          {
            header: 'Women aged 16+ (mid-2021)',
            numeric: true,
            cell: (a) => a.females16plus?.toLocaleString('en-GB') ?? 'Not available',
          },
        ]}
      />
      <Table
        caption="Agencies"
        rows={data.agencies}
        rowKey={(a) => a.id}
        columns={[
          { header: 'Agency', rowHeader: true, cell: (a) => a.name },
          { header: 'Sector', cell: (a) => label('sectors', a.sector) },
          { header: 'Area', cell: (a) => a.areaName },
          { header: 'Joint-working model', cell: (a) => label('jointWorkingModels', a.jointWorkingModel) },
        ]}
      />
      {(me.role === 'admin' || me.role === 'analyst') && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/agencies/import">
            Add agencies from a file
          </Link>
        </p>
      )}

      {data.maracs.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Maracs</h2>
          <ul className="govuk-list govuk-list--bullet">
            {data.maracs.map((m) => (
              <li key={m.id}>
                {m.name} — {m.areaName}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
