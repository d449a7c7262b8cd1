-- Default jurisdiction policies and working-day calendars (SPEC §4), shipped as data.
-- Edit with care: letters and reports quote `source`. DeskCore.DefaultPolicies holds the same
-- numbers for tests that run without a database.

INSERT INTO calendars (code, name, weekend) VALUES
    ('UZ', 'Uzbekistan, five-day week', 'sat_sun'),
    ('RU', 'Russian Federation, five-day week', 'sat_sun');

-- Uzbekistan: fixed holidays 2025–2027, and the movable Ramazon hayiti and Qurbon hayiti as
-- announced (2025) or expected (2026–2027). Yearly transferred days off are added with
-- `dsar calendar add` when the decree is published.
INSERT INTO holidays (calendar, day, name)
SELECT 'UZ', make_date(y, m, d), name
FROM generate_series(2025, 2027) AS y,
     (VALUES (1, 1, 'Yangi yil'), (3, 8, 'Xotin-qizlar kuni'), (3, 21, 'Navroʻz bayrami'),
             (5, 9, 'Xotira va qadrlash kuni'), (9, 1, 'Mustaqillik kuni'),
             (10, 1, 'Oʻqituvchi va murabbiylar kuni'), (12, 8, 'Konstitutsiya kuni')) AS f (m, d, name);

INSERT INTO holidays (calendar, day, name) VALUES
    ('UZ', '2025-03-30', 'Ramazon hayiti'),
    ('UZ', '2025-03-31', 'Ramazon hayiti (dam olish kuni)'),
    ('UZ', '2025-06-06', 'Qurbon hayiti'),
    ('UZ', '2026-03-20', 'Ramazon hayiti (kutilayotgan sana)'),
    ('UZ', '2026-05-27', 'Qurbon hayiti (kutilayotgan sana)'),
    ('UZ', '2027-03-10', 'Ramazon hayiti (kutilayotgan sana)'),
    ('UZ', '2027-05-17', 'Qurbon hayiti (kutilayotgan sana)');

INSERT INTO holidays (calendar, day, name)
SELECT 'RU', make_date(y, m, d), name
FROM generate_series(2025, 2027) AS y,
     (VALUES (1, 1, 'Новогодние каникулы'), (1, 2, 'Новогодние каникулы'), (1, 3, 'Новогодние каникулы'),
             (1, 4, 'Новогодние каникулы'), (1, 5, 'Новогодние каникулы'), (1, 6, 'Новогодние каникулы'),
             (1, 7, 'Рождество Христово'), (1, 8, 'Новогодние каникулы'),
             (2, 23, 'День защитника Отечества'), (3, 8, 'Международный женский день'),
             (5, 1, 'Праздник Весны и Труда'), (5, 9, 'День Победы'), (6, 12, 'День России'),
             (11, 4, 'День народного единства')) AS f (m, d, name);

INSERT INTO policies (code, name, time_zone, calendar, authority, is_default) VALUES
    ('uz', 'Uzbekistan, Law on Personal Data (ZRU-547)', 'Asia/Tashkent', 'UZ',
     'State Personalization Centre under the Cabinet of Ministers of the Republic of Uzbekistan', true),
    ('uz-state', 'Uzbekistan, state bodies: Law on Appeals of Individuals and Legal Entities (ZRU-445)',
     'Asia/Tashkent', 'UZ',
     'State Personalization Centre under the Cabinet of Ministers of the Republic of Uzbekistan', false),
    ('gdpr', 'European Union, General Data Protection Regulation', 'Asia/Tashkent', 'UZ',
     'the data protection supervisory authority of the EU member state concerned', false),
    ('ru', 'Russian Federation, Federal Law 152-FZ on Personal Data', 'Asia/Tashkent', 'RU',
     'Roskomnadzor (Federal Service for Supervision of Communications)', false);

INSERT INTO policy_rules (policy, kind, period_count, period_unit, identity_pauses_clock,
                          extension_count, extension_unit, source) VALUES
    ('uz', 'rectification', 3,  'calendar_days', true, NULL, NULL, 'ZRU-547 art. 11'),
    ('uz', 'access',        10, 'calendar_days', true, NULL, NULL, 'ZRU-547 art. 22, 30'),
    ('uz', 'erasure',       10, 'calendar_days', true, NULL, NULL, 'ZRU-547 art. 17, 30, 31'),
    ('uz', 'restriction',   10, 'calendar_days', true, NULL, NULL, 'ZRU-547 art. 17, 30, 31'),
    ('uz', 'objection',     10, 'calendar_days', true, NULL, NULL, 'ZRU-547 art. 17, 30, 31'),
    ('uz', 'portability',   10, 'calendar_days', true, NULL, NULL, 'ZRU-547 art. 17, 30, 31'),
    ('ru', 'access',        10, 'working_days', false, 5, 'working_days', '152-FZ art. 14, 20'),
    ('ru', 'rectification', 7,  'working_days', false, NULL, NULL, '152-FZ art. 21'),
    ('ru', 'erasure',       10, 'working_days', false, NULL, NULL, '152-FZ art. 21'),
    ('ru', 'restriction',   10, 'working_days', false, NULL, NULL, '152-FZ art. 21'),
    ('ru', 'objection',     10, 'working_days', false, NULL, NULL, '152-FZ art. 21'),
    ('ru', 'portability',   10, 'working_days', false, NULL, NULL, '152-FZ art. 21');

INSERT INTO policy_rules (policy, kind, period_count, period_unit, identity_pauses_clock,
                          extension_count, extension_unit, source)
SELECT 'uz-state', k, 15, 'calendar_days', true, 1, 'months', 'ZRU-445 art. 28'
FROM unnest(ARRAY['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection']) AS k;

INSERT INTO policy_rules (policy, kind, period_count, period_unit, identity_pauses_clock,
                          extension_count, extension_unit, source)
SELECT 'gdpr', k, 1, 'months', true, 2, 'months', 'GDPR art. 12(3)'
FROM unnest(ARRAY['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection']) AS k;

INSERT INTO settings (key, value, updated_by) VALUES
    ('desk.time_zone', 'Asia/Tashkent', 'migration'),
    ('retention.years', '3', 'migration');
