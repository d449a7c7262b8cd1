-- Statute or desk policy, 152-FZ as amended, ZRU-445 without an identity pause, and the
-- supervisory authorities as they are named today (issue 14 items 1, 3, 4, 7).
--
-- `basis`: 'statute' when the cited article sets the term, 'desk_policy' when the law sets none
-- and the organisation chose it. `clarification_clock`: what a wait on the requester does —
-- 'pauses' (the days are added), 'restarts' (the term counts from the day the information
-- arrives: 152-FZ art. 20(3)), 'runs' (no pause: 152-FZ). A rule with `consent_withdrawal` is
-- the objection term for destroying data after consent is withdrawn (152-FZ art. 21(5)).
-- The same rows are DeskCore's `DeadlinePolicy.defaults` (DefaultPolicies.swift, with sources);
-- `ShippedDataTests` compares them. Rows a desk has edited (their source differs from what 0004
-- shipped) are left as they are.

ALTER TABLE policy_rules
    ADD COLUMN basis text NOT NULL DEFAULT 'statute' CHECK (basis IN ('statute', 'desk_policy')),
    ADD COLUMN clarification_clock text NOT NULL DEFAULT 'pauses'
        CHECK (clarification_clock IN ('pauses', 'restarts', 'runs')),
    ADD COLUMN consent_withdrawal boolean NOT NULL DEFAULT false CHECK (NOT consent_withdrawal OR kind = 'objection');
ALTER TABLE policy_rules DROP CONSTRAINT policy_rules_pkey;
ALTER TABLE policy_rules ADD PRIMARY KEY (policy, kind, consent_withdrawal);

-- ZRU-547: no term for access (beyond the refusal notice), erasure, restriction, objection; no portability right.
UPDATE policy_rules SET basis = 'desk_policy', source = 'ZRU-547 art. 30'
WHERE policy = 'uz' AND kind IN ('access', 'erasure', 'restriction', 'objection')
  AND source IN ('ZRU-547 art. 22, 30', 'ZRU-547 art. 17, 30, 31');
UPDATE policy_rules SET basis = 'desk_policy', source = 'none (ZRU-547 has no right to data portability)'
WHERE policy = 'uz' AND kind = 'portability' AND source = 'ZRU-547 art. 17, 30, 31';

-- ZRU-445: the term counts from receipt; identification does not stop it.
UPDATE policy_rules SET identity_pauses_clock = false WHERE policy = 'uz-state' AND source = 'ZRU-445 art. 28';

-- 152-FZ as amended: no pause; the terms of art. 14(3), 20(3), 21(1), 21(5), 21(5.1).
UPDATE policy_rules SET source = '152-FZ art. 14(3)', clarification_clock = 'runs'
WHERE policy = 'ru' AND kind = 'access' AND source = '152-FZ art. 14, 20';
UPDATE policy_rules SET period_count = 7, period_unit = 'working_days', source = '152-FZ art. 20(3)',
                        clarification_clock = 'restarts'
WHERE policy = 'ru' AND kind IN ('rectification', 'erasure') AND source = '152-FZ art. 21';
UPDATE policy_rules SET period_count = 1, period_unit = 'calendar_days', counting_start = 'same_day',
                        source = '152-FZ art. 21(1)', clarification_clock = 'runs'
WHERE policy = 'ru' AND kind = 'restriction' AND source = '152-FZ art. 21';
UPDATE policy_rules SET extension_count = 5, extension_unit = 'working_days', source = '152-FZ art. 21(5.1)',
                        clarification_clock = 'runs'
WHERE policy = 'ru' AND kind = 'objection' AND source = '152-FZ art. 21';
UPDATE policy_rules SET basis = 'desk_policy', source = 'none (152-FZ has no right to data portability)',
                        clarification_clock = 'runs'
WHERE policy = 'ru' AND kind = 'portability' AND source = '152-FZ art. 21';
INSERT INTO policy_rules (policy, kind, consent_withdrawal, period_count, period_unit, identity_pauses_clock,
                          source, clarification_clock)
SELECT 'ru', 'objection', true, 30, 'calendar_days', false, '152-FZ art. 21(5)', 'runs'
WHERE EXISTS (SELECT FROM policies WHERE code = 'ru')
ON CONFLICT DO NOTHING;

-- The authorities (letters write them in the letter's language; see Letters.AuthorityName).
UPDATE policies SET authority = 'Personalization Agency under the Ministry of Justice of the Republic of Uzbekistan'
WHERE code IN ('uz', 'uz-state')
  AND authority = 'State Personalization Centre under the Cabinet of Ministers of the Republic of Uzbekistan';
UPDATE policies SET authority = 'Federal Service for Supervision of Communications, Information Technology and Mass Media (Roskomnadzor)'
WHERE code = 'ru' AND authority = 'Roskomnadzor (Federal Service for Supervision of Communications)';
UPDATE policies SET authority = 'a supervisory authority, in particular in the Member State of your habitual residence, place of work or of the alleged infringement (Article 77 GDPR)'
WHERE code = 'gdpr' AND authority = 'the data protection supervisory authority of the EU member state concerned';
