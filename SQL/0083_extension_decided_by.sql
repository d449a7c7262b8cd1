-- Who decided an extension (issue 14 item 4). ZRU-445 counts the term of an appeal to a state body
-- from its receipt and lets the head of the body (or a deputy) extend it; the desk's cap of one
-- month on an extension is the desk's own choice, stricter than the law, and is labelled so.

ALTER TABLE extensions ADD COLUMN decided_by text CHECK (decided_by IS NULL OR length(btrim(decided_by)) BETWEEN 1 AND 200);

ALTER TABLE policy_rules ADD COLUMN extension_basis text CHECK (extension_basis IN ('statute', 'desk_policy'));
UPDATE policy_rules SET extension_basis = 'statute' WHERE extension_count IS NOT NULL;
UPDATE policy_rules SET extension_basis = 'desk_policy'
WHERE policy = 'uz-state' AND source = 'ZRU-445 art. 28' AND extension_count = 1 AND extension_unit = 'months';
ALTER TABLE policy_rules ADD CHECK ((extension_count IS NULL) = (extension_basis IS NULL));
