-- Working-day calendars that can say what decrees say (issue 14 item 2).
--
-- An entry is an extra day off (a holiday or a transferred day off) or an extra working day (a
-- rest day worked in exchange), for the five-day week ('5'), the six-day week ('6') or both.
-- A calendar may read the entries of another (`entries_of`): `UZ-6`, the Uzbek six-day week,
-- reads those of `UZ`, so one table of Uzbek entries serves both weeks.
--
-- The rows below are DeskCore's `WorkingCalendar.shippedEntries` (Sources/DeskCore/
-- DefaultCalendars.swift, which names the decrees and articles each date follows); the test
-- `ShippedDataTests` fails when the two differ. Existing desks keep the days they entered
-- themselves: only rows exactly as 0004 shipped them are replaced.

ALTER TABLE calendars ADD COLUMN entries_of text REFERENCES calendars (code);

ALTER TABLE holidays
    ADD COLUMN kind text NOT NULL DEFAULT 'day_off' CHECK (kind IN ('day_off', 'working_day')),
    ADD COLUMN week text NOT NULL DEFAULT 'both' CHECK (week IN ('5', '6', 'both')),
    ADD COLUMN expected boolean NOT NULL DEFAULT false;
ALTER TABLE holidays DROP CONSTRAINT holidays_pkey;
ALTER TABLE holidays ADD PRIMARY KEY (calendar, day, week);

INSERT INTO calendars (code, name, weekend, entries_of) VALUES
    ('UZ-6', 'Uzbekistan, six-day week', 'sun', 'UZ'),
    ('EU', 'European Union: weekends only; add the member state''s holidays', 'sat_sun', NULL)
ON CONFLICT (code) DO NOTHING;

UPDATE policies SET calendar = 'EU' WHERE code = 'gdpr' AND calendar = 'UZ';

-- The rows 0004 shipped, removed where the desk left them unchanged (names and dates changed).
DELETE FROM holidays h
USING (
    SELECT 'UZ' AS calendar, make_date(y, m, d) AS day, name
    FROM generate_series(2025, 2027) AS y,
         (VALUES (1, 1, 'Yangi yil'), (3, 8, 'Xotin-qizlar kuni'), (3, 21, 'Navroʻz bayrami'),
                 (5, 9, 'Xotira va qadrlash kuni'), (9, 1, 'Mustaqillik kuni'),
                 (10, 1, 'Oʻqituvchi va murabbiylar kuni'), (12, 8, 'Konstitutsiya kuni')) AS f (m, d, name)
    UNION ALL
    SELECT 'UZ', day::date, name FROM (VALUES
        ('2025-03-30', 'Ramazon hayiti'),
        ('2025-03-31', 'Ramazon hayiti (dam olish kuni)'),
        ('2025-06-06', 'Qurbon hayiti'),
        ('2026-03-20', 'Ramazon hayiti (kutilayotgan sana)'),
        ('2026-05-27', 'Qurbon hayiti (kutilayotgan sana)'),
        ('2027-03-10', 'Ramazon hayiti (kutilayotgan sana)'),
        ('2027-05-17', 'Qurbon hayiti (kutilayotgan sana)')) AS m (day, name)
) AS old
WHERE h.calendar = old.calendar AND h.day = old.day AND h.name = old.name AND h.week = 'both';

INSERT INTO holidays (calendar, day, kind, week, expected, name) VALUES
    ('RU', '2025-01-01', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-02', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-03', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-04', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-05', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-06', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-01-07', 'day_off', 'both', false, 'Рождество Христово'),
    ('RU', '2025-01-08', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2025-02-23', 'day_off', 'both', false, 'День защитника Отечества'),
    ('RU', '2025-03-08', 'day_off', 'both', false, 'Международный женский день'),
    ('RU', '2025-05-01', 'day_off', 'both', false, 'Праздник Весны и Труда'),
    ('RU', '2025-05-09', 'day_off', 'both', false, 'День Победы'),
    ('RU', '2025-06-12', 'day_off', 'both', false, 'День России'),
    ('RU', '2025-11-04', 'day_off', 'both', false, 'День народного единства'),
    ('RU', '2026-01-01', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-02', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-03', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-04', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-05', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-06', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-07', 'day_off', 'both', false, 'Рождество Христово'),
    ('RU', '2026-01-08', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2026-01-09', 'day_off', 'both', false, 'Выходной день (перенесён с 3 января)'),
    ('RU', '2026-02-23', 'day_off', 'both', false, 'День защитника Отечества'),
    ('RU', '2026-03-08', 'day_off', 'both', false, 'Международный женский день'),
    ('RU', '2026-03-09', 'day_off', 'both', false, 'Выходной день (перенесён с 8 марта)'),
    ('RU', '2026-05-01', 'day_off', 'both', false, 'Праздник Весны и Труда'),
    ('RU', '2026-05-09', 'day_off', 'both', false, 'День Победы'),
    ('RU', '2026-05-11', 'day_off', 'both', false, 'Выходной день (перенесён с 9 мая)'),
    ('RU', '2026-06-12', 'day_off', 'both', false, 'День России'),
    ('RU', '2026-11-04', 'day_off', 'both', false, 'День народного единства'),
    ('RU', '2026-12-31', 'day_off', 'both', false, 'Выходной день (перенесён с 4 января)'),
    ('RU', '2027-01-01', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-02', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-03', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-04', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-05', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-06', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-01-07', 'day_off', 'both', false, 'Рождество Христово'),
    ('RU', '2027-01-08', 'day_off', 'both', false, 'Новогодние каникулы'),
    ('RU', '2027-02-23', 'day_off', 'both', false, 'День защитника Отечества'),
    ('RU', '2027-03-08', 'day_off', 'both', false, 'Международный женский день'),
    ('RU', '2027-05-01', 'day_off', 'both', false, 'Праздник Весны и Труда'),
    ('RU', '2027-05-03', 'day_off', 'both', true, 'Выходной день (перенесён с 1 мая)'),
    ('RU', '2027-05-09', 'day_off', 'both', false, 'День Победы'),
    ('RU', '2027-05-10', 'day_off', 'both', true, 'Выходной день (перенесён с 9 мая)'),
    ('RU', '2027-06-12', 'day_off', 'both', false, 'День России'),
    ('RU', '2027-06-14', 'day_off', 'both', true, 'Выходной день (перенесён с 12 июня)'),
    ('RU', '2027-11-04', 'day_off', 'both', false, 'День народного единства'),
    ('UZ', '2025-01-01', 'day_off', 'both', false, 'Yangi yil bayrami'),
    ('UZ', '2025-01-02', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2025-03-08', 'day_off', 'both', false, 'Xalqaro xotin-qizlar kuni'),
    ('UZ', '2025-03-10', 'day_off', '5', false, 'Xalqaro xotin-qizlar kuni oʻrniga dam olish kuni'),
    ('UZ', '2025-03-21', 'day_off', 'both', false, 'Navroʻz bayrami'),
    ('UZ', '2025-03-30', 'day_off', 'both', false, 'Ramazon hayiti'),
    ('UZ', '2025-03-31', 'day_off', 'both', false, 'Ramazon hayiti oʻrniga dam olish kuni'),
    ('UZ', '2025-05-09', 'day_off', 'both', false, 'Xotira va qadrlash kuni'),
    ('UZ', '2025-06-06', 'day_off', 'both', false, 'Qurbon hayiti'),
    ('UZ', '2025-09-01', 'day_off', 'both', false, 'Mustaqillik kuni'),
    ('UZ', '2025-10-01', 'day_off', 'both', false, 'Oʻqituvchi va murabbiylar kuni'),
    ('UZ', '2025-12-08', 'day_off', 'both', false, 'Oʻzbekiston Respublikasi Konstitutsiyasi kuni'),
    ('UZ', '2025-12-31', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-01-01', 'day_off', 'both', false, 'Yangi yil bayrami'),
    ('UZ', '2026-01-02', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-01-03', 'day_off', '6', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-03-08', 'day_off', 'both', false, 'Xalqaro xotin-qizlar kuni'),
    ('UZ', '2026-03-09', 'day_off', '5', false, 'Xalqaro xotin-qizlar kuni oʻrniga dam olish kuni'),
    ('UZ', '2026-03-20', 'day_off', 'both', false, 'Ramazon hayiti'),
    ('UZ', '2026-03-21', 'day_off', 'both', false, 'Navroʻz bayrami'),
    ('UZ', '2026-03-23', 'day_off', '5', false, 'Navroʻz bayrami oʻrniga dam olish kuni'),
    ('UZ', '2026-05-09', 'day_off', 'both', false, 'Xotira va qadrlash kuni'),
    ('UZ', '2026-05-11', 'day_off', '5', false, 'Xotira va qadrlash kuni oʻrniga dam olish kuni'),
    ('UZ', '2026-05-27', 'day_off', 'both', false, 'Qurbon hayiti'),
    ('UZ', '2026-05-28', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-05-29', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-05-30', 'day_off', '6', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-08-31', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2026-09-01', 'day_off', 'both', false, 'Mustaqillik kuni'),
    ('UZ', '2026-10-01', 'day_off', 'both', false, 'Oʻqituvchi va murabbiylar kuni'),
    ('UZ', '2026-12-08', 'day_off', 'both', false, 'Oʻzbekiston Respublikasi Konstitutsiyasi kuni'),
    ('UZ', '2026-12-12', 'working_day', '5', false, 'Ish kuni (dam olish kuni 31-dekabrga koʻchirilgan)'),
    ('UZ', '2026-12-31', 'day_off', 'both', false, 'Qoʻshimcha dam olish kuni'),
    ('UZ', '2027-01-01', 'day_off', 'both', false, 'Yangi yil bayrami'),
    ('UZ', '2027-03-08', 'day_off', 'both', false, 'Xalqaro xotin-qizlar kuni'),
    ('UZ', '2027-03-10', 'day_off', 'both', true, 'Ramazon hayiti'),
    ('UZ', '2027-03-21', 'day_off', 'both', false, 'Navroʻz bayrami'),
    ('UZ', '2027-03-22', 'day_off', 'both', true, 'Navroʻz bayrami oʻrniga dam olish kuni'),
    ('UZ', '2027-05-09', 'day_off', 'both', false, 'Xotira va qadrlash kuni'),
    ('UZ', '2027-05-10', 'day_off', 'both', true, 'Xotira va qadrlash kuni oʻrniga dam olish kuni'),
    ('UZ', '2027-05-16', 'day_off', 'both', true, 'Qurbon hayiti'),
    ('UZ', '2027-05-17', 'day_off', 'both', true, 'Qurbon hayiti oʻrniga dam olish kuni'),
    ('UZ', '2027-09-01', 'day_off', 'both', false, 'Mustaqillik kuni'),
    ('UZ', '2027-10-01', 'day_off', 'both', false, 'Oʻqituvchi va murabbiylar kuni'),
    ('UZ', '2027-12-08', 'day_off', 'both', false, 'Oʻzbekiston Respublikasi Konstitutsiyasi kuni')
ON CONFLICT (calendar, day, week) DO UPDATE
    SET kind = excluded.kind, expected = excluded.expected, name = excluded.name;
