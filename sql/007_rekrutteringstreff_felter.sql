-- Meeting fields of the rewritten spec (jobbsoker.md, "Meetings"): the category, chosen at
-- creation; municipality and county; offices (no source yet: always empty / null); and the
-- status a cancelled meeting came from, which gjenapn returns it to.
ALTER TABLE rekrutteringstreff
    ADD COLUMN kategori text NOT NULL DEFAULT 'REKRUTTERINGSTREFF' CHECK (kategori IN ('REKRUTTERINGSTREFF', 'WORKOP')),
    ADD COLUMN kommune text,
    ADD COLUMN kommunenummer text,
    ADD COLUMN fylke text,
    ADD COLUMN fylkesnummer text,
    ADD COLUMN kontorer text[] NOT NULL DEFAULT '{}',
    ADD COLUMN opprettet_av_navkontor_enhet_id text,
    ADD COLUMN avlyst_fra_status text CHECK (avlyst_fra_status IN ('UTKAST', 'PUBLISERT'));

-- Until now only a published meeting could be cancelled.
UPDATE rekrutteringstreff SET avlyst_fra_status = 'PUBLISERT' WHERE status = 'AVLYST';
ALTER TABLE rekrutteringstreff ADD CONSTRAINT rekrutteringstreff_avlyst_fra_status
    CHECK ((status = 'AVLYST') = (avlyst_fra_status IS NOT NULL));

-- The automatic completion's question: which published meetings have ended.
CREATE INDEX idx_rekrutteringstreff_publisert_til_tid ON rekrutteringstreff (til_tid) WHERE status = 'PUBLISERT';
