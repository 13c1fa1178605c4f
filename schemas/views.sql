-- Views for researchers; created with the tables by extract/store.py (idempotent).

-- Every money fact also in rial (toman × 10), exact.
CREATE OR REPLACE VIEW facts_rial AS
SELECT f.*,
       CAST(CASE WHEN f.unit = 'toman' THEN f.amount * 10 ELSE f.amount END AS DECIMAL(38,6)) AS amount_rial
FROM facts f
WHERE f.unit IN ('rial', 'toman');

-- Sums and counts by province, year, metric and unit: one row per group.
CREATE OR REPLACE VIEW province_year_metric AS
SELECT province, year, metric, unit,
       count(*) AS facts,
       CAST(sum(amount) AS DECIMAL(38,6)) AS total,
       count(DISTINCT article_id) AS articles
FROM facts
GROUP BY province, year, metric, unit;

-- Each official with titles, provinces, first and last article, number of facts.
CREATE OR REPLACE VIEW officials AS
SELECT f.official_name,
       list(DISTINCT f.official_title ORDER BY f.official_title) FILTER (WHERE f.official_title IS NOT NULL) AS titles,
       list(DISTINCT f.province ORDER BY f.province) FILTER (WHERE f.province IS NOT NULL) AS provinces,
       min(a.source) AS first_article,
       max(a.source) AS last_article,
       count(*) AS facts
FROM facts f JOIN articles a USING (article_id)
WHERE f.official_name IS NOT NULL
GROUP BY f.official_name;
