import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonBody, jsonContent } from '../../openapi-schemas.js';
import { publicCsatSurveySchema } from '../../../core/serializers/csat.js';
import { answerPublicCsatSurvey, showPublicCsatSurvey } from '../../../core/services/csat/answer.js';
import { publicErrorResponses } from './schemas.js';

const surveyParams = z.object({ uuid: z.string().uuid().openapi({ param: { name: 'uuid', in: 'path' } }) });

export const answerCsatSurveyRequestSchema = z
  .object({
    rating: z.number().int().min(1).max(5).openapi({ description: '1 (worst) to 5 (best)' }),
    feedback_message: z.string().trim().max(2000).nullable().optional(),
  })
  .openapi('AnswerCsatSurveyRequest');

const showRoute = createRoute({
  method: 'get',
  path: '/public/api/v1/csat_survey/{uuid}',
  ...requires('public'),
  tags: ['Public'],
  summary: 'A CSAT survey as the customer sees it (the widget card and the rating page)',
  request: { params: surveyParams },
  responses: { 200: jsonContent(publicCsatSurveySchema, 'The survey'), ...publicErrorResponses },
});

const answerRoute = createRoute({
  method: 'put',
  path: '/public/api/v1/csat_survey/{uuid}',
  ...requires('public'),
  tags: ['Public'],
  summary: 'Rate the conversation (1–5, optional feedback); again while open replaces the answer; 409 once withdrawn or expired',
  request: { params: surveyParams, body: jsonBody(answerCsatSurveyRequestSchema) },
  responses: { 200: jsonContent(publicCsatSurveySchema, 'The answered survey'), 409: jsonContent(errorBodySchema, 'Withdrawn or expired'), ...publicErrorResponses },
});

export function registerPublicCsatSurvey(app: OpenAPIHono<AppEnv>) {
  app.openapi(showRoute, async (c) => c.json(await showPublicCsatSurvey(c.var.deps, c.req.valid('param').uuid), 200));
  app.openapi(answerRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(await answerPublicCsatSurvey(c.var.deps, { uuid: c.req.valid('param').uuid, rating: body.rating, feedback: body.feedback_message?.trim() || null }), 200);
  });
}
