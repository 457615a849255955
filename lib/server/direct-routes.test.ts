import { describe, expect, it } from 'vitest';
import { matchDirectRoute, type DirectRoute } from './direct-routes';

const load = async () => async () => new Response(null);
const routes: DirectRoute[] = [
  { method: 'GET', path: '/api/v1/reviews/:reviewId/screening/next', load },
  { method: 'POST', path: '/api/v1/reviews/:reviewId/records/:recordId/decisions', load },
];

describe('which requests go straight to their route handler', () => {
  it('matches the method and every segment, and decodes parameters', () => {
    expect(matchDirectRoute(routes, 'GET', '/api/v1/reviews/abc/screening/next?stage=full_text')).toMatchObject({ route: routes[0], params: { reviewId: 'abc' } });
    expect(matchDirectRoute(routes, 'POST', '/api/v1/reviews/r%201/records/x/decisions')).toMatchObject({ route: routes[1], params: { reviewId: 'r 1', recordId: 'x' } });
  });

  it('leaves everything else to Next.js', () => {
    for (const [method, url] of [
      ['POST', '/api/v1/reviews/abc/screening/next'],
      ['DELETE', '/api/v1/reviews/abc/records/x/decisions'],
      ['GET', '/api/v1/reviews/abc/screening/next/more'],
      ['GET', '/api/v1/reviews//screening/next'],
      ['GET', '/api/v1/reviews/abc/screening/progress'],
      ['GET', '/reviews/abc/screen'],
    ]) expect(matchDirectRoute(routes, method, url)).toBeNull();
  });

  it('passes a malformed escape on as sent rather than failing', () => {
    expect(matchDirectRoute(routes, 'GET', '/api/v1/reviews/%E0%A4%A/screening/next')?.params).toEqual({ reviewId: '%E0%A4%A' });
  });
});
