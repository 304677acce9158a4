import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { labelOf, ROLES, type Area, type Person, type SignedInPerson } from '@waymark/domain';
import { api } from '../api';
import { Select } from '../components/fields';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';
import { scopeWords } from './types';

const FILTERS = ['role', 'area', 'active'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const STATUSES = [
  { code: 'true', label: 'Active' },
  { code: 'false', label: 'Deactivated' },
];

/** Everyone the signed-in person manages, filtered by role, area and status (kept in the address). */
export function PeopleList({ me }: { me: SignedInPerson }) {
  const [params, setParams] = useSearchParams();
  const fromAddress = (): Filters => ({
    role: params.get('role') ?? '',
    area: params.get('area') ?? '',
    active: params.get('active') ?? '',
  });
  const [draft, setDraft] = useState<Filters>(fromAddress);
  useEffect(() => setDraft(fromAddress()), [params.toString()]); // eslint-disable-line react-hooks/exhaustive-deps
  const query = new URLSearchParams(FILTERS.filter((f) => params.get(f)).map((f) => [f, params.get(f)!])).toString();
  const people = useLoad(() => api<Person[]>(`/users?${query}`), [query]);
  const areas = useLoad(() => api<Area[]>('/areas'), []);
  const areaName = (code: string) => areas.data?.find((a) => a.code === code)?.name ?? code;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(FILTERS.filter((f) => draft[f]).map((f) => [f, draft[f]])));
  };

  return (
    <>
      <h1 className="govuk-heading-l">People</h1>
      <p className="govuk-body">
        {me.role === 'admin'
          ? 'Everyone who can sign in to Waymark.'
          : 'The people whose access lies within the areas you are granted. Administrators and people of other areas are not shown.'}
      </p>
      <Link to="/people/invite" className="govuk-button" role="button" draggable={false}>
        Invite someone
      </Link>

      <form className="waymark-filters" onSubmit={apply} noValidate aria-label="Filter people">
        <div className="waymark-filters__row">
          <Select
            id="filter-role"
            label="Role"
            value={draft.role}
            onChange={(role) => setDraft({ ...draft, role })}
            options={[...ROLES]}
            placeholder="All roles"
          />
          <Select
            id="filter-area"
            label="Area"
            value={draft.area}
            onChange={(area) => setDraft({ ...draft, area })}
            options={(areas.data ?? []).map((a) => ({ code: a.code, label: a.name }))}
            placeholder="All areas"
          />
          <Select
            id="filter-active"
            label="Status"
            value={draft.active}
            onChange={(active) => setDraft({ ...draft, active })}
            options={STATUSES}
            placeholder="Active and deactivated"
          />
          <button type="submit" className="govuk-button waymark-filters__apply">
            Apply filters
          </button>
        </div>
      </form>

      {people.error && (
        <p className="govuk-body" role="alert">
          {people.error}
        </p>
      )}
      {people.data && people.data.length === 0 && (
        <p className="govuk-body" role="status">
          Nobody matches these filters.
        </p>
      )}
      {people.data && people.data.length > 0 && (
        <Table
          caption={`${people.data.length} ${people.data.length === 1 ? 'person' : 'people'}`}
          rows={people.data}
          rowKey={(p) => p.id}
          columns={[
            {
              header: 'Name',
              rowHeader: true,
              cell: (p) => (
                <Link className="govuk-link" to={`/people/${p.id}`}>
                  {p.displayName}
                </Link>
              ),
            },
            { header: 'Email', cell: (p) => p.email },
            { header: 'Role', cell: (p) => labelOf(ROLES, p.role) },
            { header: 'Access to', cell: (p) => scopeWords(p, areaName) },
            {
              header: 'Status',
              cell: (p) =>
                p.active ? (
                  <strong className="govuk-tag govuk-tag--green">Active</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
