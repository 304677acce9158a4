import { useEffect, useState } from 'react';
import { api, ApiError, type Agency, type Area, type CodeLists, type Marac, type Me } from '../api';

interface HomeData {
  areas: Area[];
  agencies: Agency[];
  maracs: Marac[];
  codes: CodeLists;
}

const AREA_TYPE_ORDER = { pfa: 0, csp: 1, lad: 2 } as const;

export function Home({ me }: { me: Me }) {
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api<Area[]>('/areas'), api<Agency[]>('/agencies'), api<Marac[]>('/maracs'), api<CodeLists>('/reference/code-lists')])
      .then(([areas, agencies, maracs, codes]) => setData({ areas, agencies, maracs, codes }))
      .catch((e) => setError(e instanceof ApiError ? e.message : 'The partnership could not be loaded.'));
  }, []);

  if (error) return <div className="govuk-error-summary" role="alert"><h2 className="govuk-error-summary__title">{error}</h2></div>;
  if (!data) return <p className="govuk-body" role="status">Loading your partnership…</p>;

  const label = (list: keyof CodeLists, code: string | null) => (code ? (data.codes[list].find((c) => c.code === code)?.label ?? code) : 'Not recorded');
  const areas = [...data.areas].sort((a, b) => AREA_TYPE_ORDER[a.type] - AREA_TYPE_ORDER[b.type] || a.name.localeCompare(b.name));
  const sectorsCovered = new Set(data.agencies.map((a) => a.sector)).size;

  return (
    <>
      <h1 className="govuk-heading-l">Your partnership</h1>
      <p className="govuk-body-l">
        {me.role === 'agency_submitter'
          ? 'You send returns and self-audits for one agency.'
          : `You can see ${data.areas.length} ${data.areas.length === 1 ? 'area' : 'areas'}, ${data.agencies.length} agencies across ${sectorsCovered} sectors, and ${data.maracs.length} ${data.maracs.length === 1 ? 'Marac' : 'Maracs'}.`}
      </p>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Areas</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Area</th>
            <th scope="col" className="govuk-table__header">Level</th>
            <th scope="col" className="govuk-table__header">GSS code</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Women aged 16+ (mid-2021)</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {areas.map((a) => (
            <tr className="govuk-table__row" key={a.code}>
              <th scope="row" className="govuk-table__header">{a.name}</th>
              <td className="govuk-table__cell">{label('areaTypes', a.type)}</td>
              <td className="govuk-table__cell">{a.code}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{a.females16plus?.toLocaleString('en-GB') ?? 'Not available'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Agencies</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Agency</th>
            <th scope="col" className="govuk-table__header">Sector</th>
            <th scope="col" className="govuk-table__header">Area</th>
            <th scope="col" className="govuk-table__header">Joint-working model</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.agencies.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <th scope="row" className="govuk-table__header">{a.name}</th>
              <td className="govuk-table__cell">{label('sectors', a.sector)}</td>
              <td className="govuk-table__cell">{a.areaName}</td>
              <td className="govuk-table__cell">{label('jointWorkingModels', a.jointWorkingModel)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {data.maracs.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Maracs</h2>
          <ul className="govuk-list govuk-list--bullet">
            {data.maracs.map((m) => <li key={m.id}>{m.name} — {m.areaName}</li>)}
          </ul>
        </>
      )}
    </>
  );
}
