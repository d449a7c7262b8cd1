-- Issue 15 (speed): room on each page of `requests` for the row's next versions.
--
-- A request's row is written again at every step of its life: the claim (assignee), each audit
-- append (its chain head, SQL/0120), each transition. None of the claim's or the head's columns
-- is indexed, so PostgreSQL can keep those new versions on the same page (a HOT update: no new
-- entry in any of the table's seven indexes) — but only where the page has room, and a table
-- filled to 100 % has none. 70 % leaves room for about three more versions of a row on its
-- page, which page pruning frees again. Applies to pages written from now on; existing pages
-- get it when the table is next rewritten (VACUUM FULL, CLUSTER).
ALTER TABLE requests SET (fillfactor = 70);
