import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AdoptedStandard, AdoptionDetail, FieldProblem } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf } from '../components/fields';
import { useLoad } from '../lib/useLoad';
import { LocalStandardForm, type LocalStandard } from './LocalStandardForm';
import { StandardCard } from './StandardCard';
import { byTheme, KIND_WORDS } from './types';

/** An area's framework by theme: switch standards off (saying why) or back on, and add local ones. */
export function TailorAdoption() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => api<AdoptionDetail>(`/standards/adoptions/${id}`), [id]);
  const [adoption, setAdoption] = useState<AdoptionDetail | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const shown = adoption ?? loaded.data;

  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!shown)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  const themes = byTheme(shown.standards);

  /** Sends a change; true when it was made, otherwise its problems are shown. */
  async function send(path: string, method: string, body: unknown, message: string): Promise<boolean> {
    setDone(null);
    try {
      setAdoption(await api<AdoptionDetail>(`/standards/adoptions/${id}${path}`, { method, body }));
      setProblems([]);
      setDone(message);
      return true;
    } catch (error) {
      setProblems(problemsOf(error, 'The change could not be saved. Try again.'));
      return false;
    }
  }

  const onSwitch = async (s: AdoptedStandard, reason: string | null) => {
    if (reason !== null && !reason.trim()) {
      setProblems([{ field: 'reason', message: 'Enter why the area is switching this standard off' }]);
      return false;
    }
    const body = reason === null ? { active: true } : { active: false, reason };
    const made = await send(
      `/standards/${encodeURIComponent(s.code)}`,
      'PATCH',
      body,
      reason === null ? `${s.code} is switched back on.` : `${s.code} is switched off.`,
    );
    if (made) setSwitching(null);
    return made;
  };
  const onAdd = (local: LocalStandard) =>
    send('/standards', 'POST', local, 'The local standard was added at the end of its theme.');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} idFor={(f) => (f === 'form' ? 'standards-title' : f)} />
        {done && (
          <div className="govuk-inset-text" role="status">
            {done} New self-audits use the changed list.
          </div>
        )}
        <span className="govuk-caption-l">
          {shown.areaName}: {KIND_WORDS[shown.kind].toLowerCase()}
        </span>
        <h1 className="govuk-heading-l" id="standards-title" tabIndex={-1}>
          {shown.frameworkTitle}
        </h1>
        <p className="govuk-body">
          Version {shown.frameworkVersion}. {shown.standards.filter((s) => !s.active).length} of{' '}
          {shown.standards.length} standards are switched off.{' '}
          <Link className="govuk-link" to="/standards/adoption">
            Choose another framework
          </Link>
        </p>
        {themes.map((theme) => (
          <section key={theme.id} aria-labelledby={`theme-${theme.id}`}>
            <h2 className="govuk-heading-m" id={`theme-${theme.id}`}>
              {theme.title}
            </h2>
            {theme.standards.map((s) => (
              <StandardCard
                key={s.code}
                standard={s}
                asking={switching === s.code}
                onAsk={(asking) => {
                  setSwitching(asking ? s.code : null);
                  setProblems([]);
                }}
                reasonError={switching === s.code ? errorFor(problems, 'reason') : undefined}
                onSwitch={onSwitch}
              />
            ))}
          </section>
        ))}
        <h2 className="govuk-heading-m">Add a local standard</h2>
        <p className="govuk-body">
          A standard the area holds its agencies to besides the framework's. It is numbered LOCAL-01, LOCAL-02 and so
          on.
        </p>
        <LocalStandardForm themes={themes} problems={problems} onAdd={onAdd} />
      </div>
    </div>
  );
}
