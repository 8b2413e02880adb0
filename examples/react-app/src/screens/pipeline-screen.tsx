import type { Deal, PipelineConfig, StageConfig } from '@rapport/core';
import { useMoveDeal, usePipelineBoard } from '@rapport/react';
import type { DragEvent } from 'react';
import { useState } from 'react';
import type { FormError } from '../components/person-form';
import { formatDate, formatMoney } from '../format';
import { usePipeline } from '../use-pipeline';

/** A move waiting for its lost reason before it is sent. */
interface PendingLost {
  readonly deal: Deal;
  readonly stage: StageConfig;
}

/** The move last sent, to name it when the server refuses it. */
interface Attempt {
  readonly deal: Deal;
  readonly stage: StageConfig;
}

/** A refused move: which one, and each field the stage rules found wanting (or the error's message). */
function Refusal({ error, attempt }: { readonly error: FormError; readonly attempt: Attempt | null }) {
  const details = Object.entries(error.fieldErrors).map(
    ([field, messages]) => `${field}: ${messages.join(' ')}`,
  );
  const title = attempt ? `${attempt.deal.name} cannot move to ${attempt.stage.name}.` : 'The move failed.';
  return (
    <div className="banner error" role="alert" data-testid="move-error">
      <strong>{title}</strong> {details.length === 0 && error.message}
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface CardProps {
  readonly deal: Deal;
  readonly previous: StageConfig | undefined;
  readonly next: StageConfig | undefined;
  readonly onMove: (deal: Deal, stage: StageConfig) => void;
}

/** A deal on the board: drag it, or use its buttons (keyboard and touch users get the same moves). */
function DealCard({ deal, previous, next, onMove }: CardProps) {
  const start = (event: DragEvent) => {
    event.dataTransfer.setData('text/plain', deal.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <article className="card" draggable onDragStart={start} data-deal-id={deal.id} aria-label={deal.name}>
      <div className="name">{deal.name}</div>
      <div className="meta">
        <span>{formatMoney(deal.amount, deal.currency)}</span>
        <span>
          {deal.expectedCloseDate ? `closes ${formatDate(deal.expectedCloseDate)}` : 'no close date'}
        </span>
      </div>
      <div className="moves">
        {previous && (
          <button
            type="button"
            className="small"
            onClick={() => onMove(deal, previous)}
            aria-label={`Move ${deal.name} to ${previous.name}`}
          >
            ← {previous.name}
          </button>
        )}
        {next && (
          <button
            type="button"
            className="small"
            onClick={() => onMove(deal, next)}
            aria-label={`Move ${deal.name} to ${next.name}`}
          >
            {next.name} →
          </button>
        )}
      </div>
    </article>
  );
}

function Board({ pipeline }: { readonly pipeline: PipelineConfig }) {
  const board = usePipelineBoard(pipeline.id);
  const move = useMoveDeal();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [pendingLost, setPendingLost] = useState<PendingLost | null>(null);
  const [lostReason, setLostReason] = useState(pipeline.lostReasons[0] ?? '');
  const columns = board.data?.columns ?? [];
  const deals = columns.flatMap((column) => column.deals);

  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const send = (deal: Deal, stage: StageConfig, reason?: string) => {
    setAttempt({ deal, stage });
    move.mutate({ dealId: deal.id, toStageId: stage.id, version: deal.version, lostReason: reason });
  };

  const requestMove = (deal: Deal, stage: StageConfig) => {
    if (deal.stageId === stage.id) return;
    move.reset();
    if (stage.kind === 'lost') setPendingLost({ deal, stage });
    else send(deal, stage);
  };

  const drop = (event: DragEvent, stage: StageConfig) => {
    event.preventDefault();
    setDropTarget(null);
    const deal = deals.find((candidate) => candidate.id === event.dataTransfer.getData('text/plain'));
    if (deal) requestMove(deal, stage);
  };

  return (
    <>
      {move.error && <Refusal error={move.error} attempt={attempt} />}
      {pendingLost && (
        <div className="banner error">
          Why was <strong>{pendingLost.deal.name}</strong> lost?{' '}
          <select
            value={lostReason}
            onChange={(event) => setLostReason(event.target.value)}
            aria-label="Lost reason"
          >
            {pipeline.lostReasons.map((reason) => (
              <option key={reason}>{reason}</option>
            ))}
          </select>{' '}
          <button
            type="button"
            onClick={() => {
              send(pendingLost.deal, pendingLost.stage, lostReason);
              setPendingLost(null);
            }}
          >
            Mark lost
          </button>{' '}
          <button type="button" onClick={() => setPendingLost(null)}>
            Cancel
          </button>
        </div>
      )}
      <div className="board">
        {pipeline.stages.map((stage, index) => {
          const column = columns.find((candidate) => candidate.stage.id === stage.id);
          const stageDeals = column?.deals ?? [];
          const total = stageDeals.reduce((sum, deal) => sum + deal.amount, 0);
          return (
            <section
              key={stage.id}
              className={`column${dropTarget === stage.id ? ' drop-target' : ''}`}
              data-stage-id={stage.id}
              aria-label={stage.name}
              onDragOver={(event) => {
                event.preventDefault();
                setDropTarget(stage.id);
              }}
              onDragLeave={() => setDropTarget((current) => (current === stage.id ? null : current))}
              onDrop={(event) => drop(event, stage)}
            >
              <header>
                <span>{stage.name}</span>
                <span className="muted">
                  {stageDeals.length} · {formatMoney(total, stageDeals[0]?.currency ?? 'EUR')}
                </span>
              </header>
              {stage.requiredFields.length > 0 && (
                <p className="muted">Needs: {stage.requiredFields.join(', ')}</p>
              )}
              {stageDeals.map((deal) => (
                <DealCard
                  key={deal.id}
                  deal={deal}
                  // A closed deal does not reopen under this pipeline's rules: no buttons to offer.
                  previous={deal.status === 'open' ? pipeline.stages[index - 1] : undefined}
                  next={deal.status === 'open' ? pipeline.stages[index + 1] : undefined}
                  onMove={requestMove}
                />
              ))}
            </section>
          );
        })}
      </div>
    </>
  );
}

/** The pipeline board: drag a deal to another stage; the stage rules' refusals show above the board. */
export function PipelineScreen() {
  const pipeline = usePipeline();
  return (
    <section>
      <h1>Pipeline{pipeline ? `: ${pipeline.name}` : ''}</h1>
      {pipeline === undefined ? <p className="muted">Loading…</p> : <Board pipeline={pipeline} />}
    </section>
  );
}
