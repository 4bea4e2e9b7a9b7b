// The History screen (#/history): what Montage recorded of the user's work on this machine (for
// recommendations), newest first. A header with the count, the time span and the Pause recording
// switch; filters by kind of event, kind of item, project and date; a table with the time, what
// happened in words, the item, the project and the weight, with "Load older" paging; tick rows
// (Shift+click for a range) to delete them, or clear everything after a confirmation.
import { useEffect, useRef, useState, type ChangeEvent, type MouseEvent } from 'react';
import type { HistoryEvent, ItemKind } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNow } from '../../components/use-now';
import { formatDateTime, formatRelative } from '../../lib/format';
import { routeHash } from '../../stores/route';
import {
  dateRangeLabels,
  dateRanges,
  describeEvent,
  detailOf,
  eventCount,
  formatWeight,
  isFiltered,
  itemKindLabels,
  itemKinds,
  itemName,
  projectLabel,
  spanText,
  typeGroupIds,
  typeGroups,
  defaultFilters,
  type DateRange,
  type Names,
  type TypeGroupId,
} from './history-logic';
import { clearAll, clickRow, deleteSelected, loadOlder, refreshNames, reload, resetHistory, setFilters, setPaused, toggleAllShown, useHistoryStore } from './history-store';
import './history.css';

export function HistoryView() {
  const client = useStudioClient();
  const s = useHistoryStore();
  const now = useNow(30_000);
  const [confirmClear, setConfirmClear] = useState(false);

  useEffect(() => {
    resetHistory();
    void reload(client);
    const offConn = client.onConnection((state) => state === 'connected' && void reload(client));
    // Names follow renames and deletions made elsewhere while the screen is shown.
    const offProjects = client.on('onProjectsChanged', () => void refreshNames(client));
    const offDocs = client.on('onDocumentsChanged', () => void refreshNames(client));
    return () => {
      offConn();
      offProjects();
      offDocs();
      resetHistory();
    };
  }, [client]);

  const { status, rows, filters, names, selected, busy } = s;
  const paused = status?.paused ?? false;
  const total = status?.events ?? 0;
  const filtered = isFiltered(filters);
  const selectedCount = rows ? rows.filter((r) => selected.has(r.id)).length : 0;

  return (
    <div className="history-screen" data-testid="history-view" data-paused={paused}>
      <nav className="breadcrumb">
        <a className="back-link" href="#/" data-testid="home-link" title="Back to Projects">
          ← Projects
        </a>
      </nav>
      <header className="history-header">
        <h1 className="screen-title">History</h1>
        {status && (
          <span className="count-pill" data-testid="history-count" title="Events kept on this computer">
            {eventCount(total)}
          </span>
        )}
        {status && total > 0 && (
          <span className="history-span text-dim" data-testid="history-span">
            {spanText(status.oldest, status.newest, now)}
          </span>
        )}
        {paused && (
          <span className="badge badge-interrupted" data-testid="history-paused-badge">
            Recording paused
          </span>
        )}
        <span className="status-spacer" />
        <button type="button" className="btn btn-small btn-ghost" data-testid="history-refresh" disabled={s.loading} title="Read the history again" onClick={() => void reload(client)}>
          Refresh
        </button>
        <button
          type="button"
          className={`btn btn-small${paused ? ' is-paused' : ''}`}
          aria-pressed={paused}
          data-testid="history-pause"
          disabled={!status || busy !== null}
          title={paused ? 'Start recording what you do again' : 'Stop recording what you do; what is here stays'}
          onClick={() => void setPaused(client, !paused)}
        >
          {paused ? 'Resume recording' : 'Pause recording'}
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost btn-ghost-danger"
          data-testid="history-clear"
          disabled={total === 0 || busy !== null}
          onClick={() => setConfirmClear(true)}
        >
          Clear history…
        </button>
      </header>
      <p className="text-faint history-intro">
        What you did in Montage, kept on this computer to suggest music and models that suit you. Nothing leaves the machine.
      </p>
      {paused && (
        <p className="history-paused-note" role="status" data-testid="history-paused-note">
          Recording is paused: nothing you open, play, generate or keep is added until you resume. What is already here stays.
        </p>
      )}

      {(filtered || total > 0) && (
        <div className="history-filters" role="group" aria-label="Filters">
          <label className="history-field">
            Show
            <select className="input" data-testid="history-filter-type" value={filters.group} onChange={(e) => setFilters(client, { group: e.target.value as TypeGroupId })}>
              {typeGroupIds.map((id) => (
                <option key={id} value={id}>
                  {typeGroups[id].label}
                </option>
              ))}
            </select>
          </label>
          <label className="history-field">
            Item
            <select className="input" data-testid="history-filter-kind" value={filters.kind} onChange={(e) => setFilters(client, { kind: e.target.value as ItemKind | 'all' })}>
              <option value="all">All items</option>
              {itemKinds.map((k) => (
                <option key={k} value={k}>
                  {itemKindLabels[k]}
                </option>
              ))}
            </select>
          </label>
          <label className="history-field">
            Project
            <select className="input" data-testid="history-filter-project" value={filters.projectId ?? ''} onChange={(e) => setFilters(client, { projectId: e.target.value || null })}>
              <option value="">All projects</option>
              {s.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <div className="history-range" role="radiogroup" aria-label="When">
            {dateRanges.map((r: DateRange) => (
              <button
                key={r}
                type="button"
                role="radio"
                aria-checked={filters.range === r}
                className={`btn btn-small${filters.range === r ? ' is-on' : ''}`}
                data-testid={`history-range-${r}`}
                onClick={() => setFilters(client, { range: r })}
              >
                {dateRangeLabels[r]}
              </button>
            ))}
          </div>
          {filtered && (
            <button type="button" className="link-button" data-testid="history-filters-reset" onClick={() => setFilters(client, defaultFilters)}>
              Reset filters
            </button>
          )}
        </div>
      )}

      {s.error && (
        <div className="field-error history-error" role="alert" data-testid="history-error">
          <span>{s.error}</span>
          <button type="button" className="btn btn-small" onClick={() => void reload(client)}>
            Try again
          </button>
        </div>
      )}
      {s.actionError && !confirmClear && (
        <p className="field-error" role="alert" data-testid="history-action-error">
          {s.actionError}
        </p>
      )}

      {rows && rows.length > 0 && (
        <div className="history-tablebar">
          <span className="text-dim history-selected" data-testid="history-selected-count" aria-live="polite">
            {selectedCount > 0 ? `${selectedCount} selected` : 'Tick rows to delete them; Shift+click ticks a range.'}
          </span>
          <button
            type="button"
            className={`btn btn-small${selectedCount > 0 ? ' btn-danger' : ''}`}
            data-testid="history-delete-selected"
            disabled={selectedCount === 0 || busy !== null}
            onClick={() => void deleteSelected(client)}
          >
            {busy === 'delete' ? 'Deleting…' : selectedCount > 1 ? `Delete ${selectedCount} selected` : 'Delete selected'}
          </button>
        </div>
      )}
      {rows === null ? (
        !s.error && <p className="empty-note">Loading the history…</p>
      ) : rows.length === 0 ? (
        total === 0 || !filtered ? (
          <EmptyHistory paused={paused} />
        ) : (
          <div className="empty-state" data-testid="history-no-match">
            <p className="empty-state-title">No events match these filters</p>
            <p>
              {eventCount(total)} in all.{' '}
              <button type="button" className="link-button" onClick={() => setFilters(client, defaultFilters)}>
                Show every event
              </button>
            </p>
          </div>
        )
      ) : (
        <>
          <HistoryTable rows={rows} names={names} selected={selected} now={now} />
          <div className="list-more">
            {s.hasOlder ? (
              <button type="button" className="btn btn-small" data-testid="history-load-older" disabled={s.loadingOlder} onClick={() => void loadOlder(client)}>
                {s.loadingOlder ? 'Loading…' : 'Load older'}
              </button>
            ) : (
              <span className="text-faint" data-testid="history-end">
                {rows.length === 1 ? 'One event' : `${rows.length.toLocaleString('en-US')} events`}
                {filtered ? ' match these filters' : ''}; nothing older.
              </span>
            )}
          </div>
        </>
      )}

      {confirmClear && (
        <ConfirmDialog
          title="Clear the whole history?"
          confirmLabel={busy === 'clear' ? 'Clearing…' : `Delete ${eventCount(total)}`}
          confirmTestId="history-clear-confirm"
          danger
          busy={busy === 'clear'}
          onConfirm={() => void clearAll(client).then((ok) => ok && setConfirmClear(false))}
          onCancel={() => setConfirmClear(false)}
        >
          <p>
            All <strong data-testid="history-clear-count">{eventCount(total)}</strong> are deleted from this computer, whatever the filters show. Recommendations start again from what you do
            next. This cannot be undone.
          </p>
          {s.actionError && (
            <p className="field-error" role="alert">
              {s.actionError}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

function EmptyHistory({ paused }: { paused: boolean }) {
  return (
    <div className="empty-state history-empty" data-testid="history-empty">
      <p className="empty-state-title">{paused ? 'Nothing recorded: recording is paused' : 'Nothing recorded yet'}</p>
      <p>
        As you work, Montage notes the songs and scripts you open, the songs you play, the clips you generate and keep or discard, the scenes you accept and what you
        export, to suggest music and models that suit you. Only what happened is kept, never the music itself.
      </p>
      <p>
        <strong>It stays on this computer: nothing leaves the machine.</strong> Pause recording, delete entries or clear it all here at any time.
      </p>
    </div>
  );
}

function HistoryTable({ rows, names, selected, now }: { rows: HistoryEvent[]; names: Names; selected: ReadonlySet<number>; now: number }) {
  const allRef = useRef<HTMLInputElement>(null);
  const shownSelected = rows.filter((r) => selected.has(r.id)).length;
  const all = shownSelected === rows.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = shownSelected > 0 && !all;
  }, [shownSelected, all]);

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, id: number) => {
    // Links and the checkbox do their own thing; a click elsewhere on the row ticks it.
    if ((e.target as HTMLElement).closest('a, button, input, label')) return;
    if (window.getSelection()?.toString()) return;
    clickRow(id, e.shiftKey);
  };
  const onCheck = (e: ChangeEvent<HTMLInputElement>, id: number) => clickRow(id, (e.nativeEvent as { shiftKey?: boolean }).shiftKey === true);

  return (
    <div className="history-scroll">
      <table className="data-table history-table" data-testid="history-table">
        <thead>
          <tr>
            <th className="history-check">
              <input ref={allRef} type="checkbox" aria-label="Select every row shown" checked={all} onChange={toggleAllShown} data-testid="history-select-all" />
            </th>
            <th>When</th>
            <th>What happened</th>
            <th>Item</th>
            <th>Project</th>
            <th className="num" title="How much an event says about your taste, for recommendations (0 to 5)">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const detail = detailOf(e);
            const item = e.item ? itemName(e.item, names) : null;
            const isSelected = selected.has(e.id);
            const projectGone = e.projectId !== null && names.projectsLoaded && !names.projects.has(e.projectId);
            const href =
              item?.named && e.projectId && !projectGone && (item.kind === 'song' || item.kind === 'script') && e.type !== 'document.deleted'
                ? routeHash({ name: item.kind, projectId: e.projectId, docId: e.item!.slice(item.kind.length + 1) })
                : null;
            return (
              <tr
                key={e.id}
                data-testid="history-row"
                data-event-id={e.id}
                data-type={e.type}
                data-item={e.item ?? ''}
                className={isSelected ? 'is-chosen' : undefined}
                aria-selected={isSelected}
                onClick={(ev) => onRowClick(ev, e.id)}
                onMouseDown={(ev) => ev.shiftKey && ev.preventDefault()}
              >
                <td className="history-check">
                  <input type="checkbox" aria-label={`Select: ${describeEvent(e, names)}`} checked={isSelected} onChange={(ev) => onCheck(ev, e.id)} data-testid="history-row-check" />
                </td>
                <td className="history-when">
                  <time dateTime={new Date(e.at).toISOString()} title={formatDateTime(e.at)}>
                    {formatRelative(e.at, now)}
                  </time>
                </td>
                <td className="history-what" data-testid="history-what" title={Object.keys(e.data).length ? JSON.stringify(e.data) : undefined}>
                  {describeEvent(e, names)}
                  {detail && <span className="history-detail text-faint"> · {detail}</span>}
                </td>
                <td className="history-item" title={e.item ?? undefined}>
                  {item ? (
                    <>
                      <span className={`kind-pill kind-${item.kind ?? 'other'}`}>{item.kind ?? 'item'}</span>
                      {href ? (
                        <a href={href} className={item.named ? undefined : 'text-dim'}>
                          {item.label}
                        </a>
                      ) : (
                        <span className={item.named ? undefined : 'text-dim'}>{item.label}</span>
                      )}
                    </>
                  ) : (
                    <span className="text-faint">—</span>
                  )}
                </td>
                <td className={`history-project${projectGone || !e.projectId ? ' text-faint' : ''}`}>{projectLabel(e.projectId, names)}</td>
                <td className="num history-weight">{formatWeight(e.weight)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
