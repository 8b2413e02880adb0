import type { CrmClient } from '@rapport/core';

/** A sales pipeline with two open stages, a won and a lost stage, and deals in two currencies. */
export async function seedPipeline(client: CrmClient) {
  const pipeline = await client.pipelines.create({
    name: 'Sales',
    stages: [
      { id: 'lead', name: 'Lead', probability: 0.1 },
      { id: 'proposal', name: 'Proposal', probability: 0.5 },
      { id: 'won', name: 'Won', probability: 1, kind: 'won' },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
    lostReasons: ['Price'],
  });
  const deal = (name: string, stageId: string, amount: number, currency: string) =>
    client.deals.create({ name, pipelineId: pipeline.id, stageId, amount, currency });
  const big = await deal('Big', 'lead', 500_00, 'EUR');
  const small = await deal('Small', 'lead', 120_00, 'EUR');
  const abroad = await deal('Abroad', 'lead', 300_00, 'USD');
  const pitched = await deal('Pitched', 'proposal', 900_00, 'EUR');
  return { pipeline, big, small, abroad, pitched };
}
