-- A category's name in the shop's other languages, by language code: {"hi": "रसोई"}. Pages in a language
-- without one show the default name.
ALTER TABLE catalog.categories ADD COLUMN translations jsonb NOT NULL DEFAULT '{}';
ALTER TABLE catalog.categories ALTER COLUMN translations DROP DEFAULT;
