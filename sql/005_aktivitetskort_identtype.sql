-- The activity plan's consumer parses endretAv.identType into its enum IdentType, which spells the
-- citizen PERSONBRUKERIDENT; PERSONBRUKER (its published schema's old spelling) is refused as
-- DESERIALISERINGSFEIL. Versions not sent yet are corrected in place: same row, messageId and
-- card, only the spelling changes, both in the column and in the stored message. Sent versions
-- are history and stay as they were sent.
UPDATE aktivitetskort_versjon
SET endret_av_type = 'PERSONBRUKERIDENT',
    -- Our messages are compact JSON, so the pair appears exactly once and only there (a quote
    -- inside a string is always escaped); otherwise fall back to editing the parsed message.
    melding = CASE
        WHEN strpos(melding, '"identType":"PERSONBRUKER"') > 0
            THEN replace(melding, '"identType":"PERSONBRUKER"', '"identType":"PERSONBRUKERIDENT"')
        ELSE jsonb_set(melding::jsonb, '{aktivitetskort,endretAv,identType}', '"PERSONBRUKERIDENT"')::text
    END
WHERE sendt_tidspunkt IS NULL AND endret_av_type = 'PERSONBRUKER';
