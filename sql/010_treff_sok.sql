-- The meeting search's page (GET /api/rekrutteringstreff/sok): each sorting reads its first rows
-- from an index in its exact order (ties by id) instead of sorting every meeting found.
CREATE INDEX rekrutteringstreff_sist_endret_idx ON rekrutteringstreff (sist_endret DESC, id);
CREATE INDEX rekrutteringstreff_nyeste_idx ON rekrutteringstreff (opprettet_tidspunkt DESC, id);
CREATE INDEX rekrutteringstreff_eldste_idx ON rekrutteringstreff (opprettet_tidspunkt, id);
