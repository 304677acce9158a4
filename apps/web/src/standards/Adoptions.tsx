import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Adoption, AdoptionDetail, Area, FieldProblem, FrameworkSummary } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, Select } from '../components/fields';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';
import { KIND_WORDS } from './types';

const adoptedOn = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

/** Which framework each area audits against, and choosing one for an area. */
export function Adoptions() {
  const loaded = useLoad(
    () =>
      Promise.all([
        api<Adoption[]>('/standards/adoptions'),
        api<FrameworkSummary[]>('/standards/frameworks'),
        api<Area[]>('/areas'),
      ]),
    [],
  );
  const [areaCode, setAreaCode] = useState('');
  const [frameworkId, setFrameworkId] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const navigate = useNavigate();

  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  const [adoptions, frameworks, areas] = loaded.data;

  async function adopt(event: FormEvent) {
    event.preventDefault();
    const missing = [
      ...(areaCode ? [] : [{ field: 'areaCode', message: 'Choose the area' }]),
      ...(frameworkId ? [] : [{ field: 'frameworkId', message: 'Choose the framework' }]),
    ];
    if (missing.length) return setProblems(missing);
    try {
      const adopted = await api<AdoptionDetail>('/standards/adoptions', {
        method: 'POST',
        body: { areaCode, frameworkId },
      });
      await navigate(`/standards/adoption/${adopted.id}`);
    } catch (error) {
      setProblems(problemsOf(error, 'The framework could not be chosen. Try again.'));
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} idFor={(f) => (f === 'form' ? 'areaCode' : f)} />
        <h1 className="govuk-heading-l">Standards your areas use</h1>
        <p className="govuk-body">
          Each area audits its agencies against one framework of agency standards and its Marac against one set of
          principles. An area without its own uses the nearest area above it. Choose a framework, then tailor it: switch
          off standards that do not apply, saying why, and add local ones.
        </p>
      </div>
      <div className="govuk-grid-column-full">
        {adoptions.length === 0 ? (
          <p className="govuk-body">None of your areas has chosen a framework yet.</p>
        ) : (
          <Table
            caption="Frameworks in use"
            rows={adoptions}
            rowKey={(a) => a.id}
            columns={[
              { header: 'Area', rowHeader: true, cell: (a) => a.areaName },
              { header: 'Kind', cell: (a) => KIND_WORDS[a.kind] },
              {
                header: 'Framework',
                cell: (a) => (
                  <Link className="govuk-link" to={`/standards/adoption/${a.id}`}>
                    {a.frameworkTitle}
                    <span className="govuk-visually-hidden"> for {a.areaName}: tailor it</span>
                  </Link>
                ),
              },
              { header: 'Version', cell: (a) => a.frameworkVersion },
              { header: 'Chosen on', cell: (a) => adoptedOn(a.adoptedAt) },
            ]}
          />
        )}
      </div>
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m">Choose a framework for an area</h2>
        <form onSubmit={adopt} noValidate>
          <Select
            id="areaCode"
            label="Area"
            value={areaCode}
            onChange={setAreaCode}
            options={areas.map((a) => ({ code: a.code, label: a.name }))}
            placeholder="Choose an area"
            error={errorFor(problems, 'areaCode')}
          />
          <Select
            id="frameworkId"
            label="Framework"
            hint="It replaces the area's current framework of the same kind. Standards switched off or added for the old one do not carry over."
            value={frameworkId}
            onChange={setFrameworkId}
            options={frameworks.map((f) => ({
              code: f.id,
              label: `${f.title}, version ${f.version} (${KIND_WORDS[f.kind].toLowerCase()})`,
            }))}
            placeholder="Choose a framework"
            error={errorFor(problems, 'frameworkId')}
          />
          <button type="submit" className="govuk-button">
            Use this framework
          </button>
        </form>
      </div>
    </div>
  );
}
