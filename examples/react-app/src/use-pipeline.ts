import type { PipelineConfig } from '@rapport/core';
import { useList, useRapportClient } from '@rapport/react';
import { useAsync } from './use-async';

/** The tenant's first pipeline and its stage rules (stages, kinds, lost reasons), once loaded. */
export function usePipeline(): PipelineConfig | undefined {
  const client = useRapportClient();
  const pipelines = useList('pipeline', { orderBy: ['position'], limit: 1 });
  const id = pipelines.data?.items[0]?.id;
  const rules = useAsync(
    async () => (id === undefined ? undefined : client.dealStages.rules(id)),
    `pipeline-rules:${id ?? ''}`,
  );
  return rules.data;
}
