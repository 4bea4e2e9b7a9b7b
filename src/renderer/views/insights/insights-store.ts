// The Insights screen's state: the span, the overview (insights.overview) and the models (for
// their training curves), read together; a reload for another span wins over an answer still on
// its way for the span before it.
import { create } from 'zustand';
import { StudioError, type Insights, type ModelInfo } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import type { Span } from './insights-logic';

export interface InsightsState {
  days: Span;
  insights: Insights | null;
  models: ModelInfo[];
  loading: boolean;
  error: string | null;
}

export const useInsightsStore = create<InsightsState>()(() => ({ days: 30, insights: null, models: [], loading: false, error: null }));

let generation = 0;

export async function reloadInsights(client: StudioClient): Promise<void> {
  const mine = ++generation;
  const days = useInsightsStore.getState().days;
  useInsightsStore.setState({ loading: true, error: null });
  try {
    const [insights, models] = await Promise.all([client.call('insights', 'overview', { days }), client.call('models', 'list', {})]);
    if (mine !== generation) return;
    useInsightsStore.setState({ insights, models, loading: false });
  } catch (err) {
    if (mine !== generation) return;
    useInsightsStore.setState({ loading: false, error: `Insights could not be read: ${StudioError.from(err).message}` });
  }
}

export function setSpan(client: StudioClient, days: Span): void {
  if (useInsightsStore.getState().days === days) return;
  useInsightsStore.setState({ days });
  void reloadInsights(client);
}

/** Forgets an answer on its way (the screen was left). */
export function leaveInsights(): void {
  generation++;
}
