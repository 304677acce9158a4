import { returnTypeById, type Area, type CompletenessAnswer, type ReturnStatus } from '@waymark/domain';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { Table } from '../components/Table';
import { longDate } from '../lib/format';
import { lastCompleteQuarter, recentQuarters } from '../lib/quarters';
import { useLoad } from '../lib/useLoad';

const TAG: Record<ReturnStatus, string> = {
  returned: 'govuk-tag--green',
  late: 'govuk-tag--yellow',
  missing: 'govuk-tag--red',
  not_yet_due: 'govuk-tag--grey',
};

/** Who has sent their quarterly return: the filters live in the URL so the view can be shared. */
export function Completeness() {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastCompleteQuarter();
  const area = params.get('area') ?? '';
  const areas = useLoad(() => api<Area[]>('/areas'), []);
  const report = useLoad(
    () =>
      api<CompletenessAnswer>(
        `/returns/completeness?period=${encodeURIComponent(period)}${area ? `&area=${area}` : ''}`,
      ),
    [period, area],
  );

  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const r = report.data;
  return (
    <>
      <h1 className="govuk-heading-l">Returns: who has sent theirs</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="filter-period">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="filter-period"
            value={period}
            onChange={(e) => change('period', e.target.value)}
          >
            {recentQuarters(12).map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-grid-column-one-half govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="filter-area">
            Area
          </label>
          <select
            className="govuk-select"
            id="filter-area"
            value={area}
            onChange={(e) => change('area', e.target.value)}
          >
            <option value="">All areas you can see</option>
            {(areas.data ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {report.error && (
        <p className="govuk-body" role="alert">
          {report.error}
        </p>
      )}
      {!r && !report.error && (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      )}
      {r && (
        <>
          <p className="govuk-body-l" id="completeness-summary">
            {r.items.length === 0
              ? `No agencies or Maracs are expected to send returns for ${r.period} in this area.`
              : `Of ${r.items.length} returns expected for ${r.period} (due ${longDate(r.dueDate)}): ${r.counts.returned} on time, ${r.counts.late} late, ${r.counts.missing} missing, ${r.counts.not_yet_due} not due yet.`}
          </p>
          <Table
            caption={`Returns for ${r.period}`}
            describedBy="completeness-summary"
            rows={r.items}
            rowKey={(i) => `${i.kind}-${i.id}-${i.returnType}`}
            columns={[
              { header: 'Agency or Marac', rowHeader: true, cell: (i) => i.name },
              { header: 'Return', cell: (i) => returnTypeById(i.returnType)?.title ?? i.returnType },
              { header: 'Area', cell: (i) => i.areaName },
              {
                header: 'Status',
                cell: (i) => <strong className={`govuk-tag ${TAG[i.status]}`}>{i.statusLabel}</strong>,
              },
              {
                header: 'Version',
                cell: (i) =>
                  i.submissionId ? (
                    <Link className="govuk-link" to={`/returns/${i.submissionId}`}>
                      Version {i.version}
                    </Link>
                  ) : i.version ? (
                    `Version ${i.version}`
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
