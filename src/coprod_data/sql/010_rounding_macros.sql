-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- Rounding rules shared by every check (macros, not a view).
--
-- A published whole percentage p covers the exact share 100*k/n when rounding
-- 100*k/n to a whole number prints p. Bounds are exact in integer terms:
--   half_up   : (2p - 1) n <= 200 k <  (2p + 1) n     (0.5 rounds up)
--   half_even : as half_up, but a share exactly on .5 goes to the even neighbour
--   either    : half_up or half_even prints p: (2p - 1) n <= 200 k, and
--               200 k <= (2p + 1) n when p is even, 200 k < (2p + 1) n when p is odd
-- Published precision is one percentage point, so the tolerance is 0.5 point.
-- pct_k_lo / pct_k_hi: smallest / largest whole k in 0..n whose share k/n rounds to p.
CREATE OR REPLACE MACRO pct_k_lo(p, n, rounding) AS greatest(0, CAST(
    CASE WHEN rounding = 'half_even' AND p % 2 = 1
         THEN floor((2 * p - 1) * n / 200.0) + 1
         ELSE ceil((2 * p - 1) * n / 200.0) END AS BIGINT));

CREATE OR REPLACE MACRO pct_k_hi(p, n, rounding) AS least(n, CAST(
    CASE WHEN rounding = 'half_up' OR (rounding IN ('half_even', 'either') AND p % 2 = 1)
         THEN ceil((2 * p + 1) * n / 200.0) - 1
         ELSE floor((2 * p + 1) * n / 200.0) END AS BIGINT));

CREATE OR REPLACE MACRO pct_covers(p, k, n, rounding) AS
    (n > 0 AND k BETWEEN pct_k_lo(p, n, rounding) AND pct_k_hi(p, n, rounding));

-- rounds_all(v, half, x, tol) / rounds_some(v, half, x, tol): whether every / some exact
-- value a printing v allows ([v - half, v + half), or v when half is 0) rounds half up to
-- x at a coarser step of 2 * tol ([x - tol, x + tol)): a phrase such as 'seven out of
-- ten' read as the share rounded to tenths (threshold relation rounds_to, 038).
CREATE OR REPLACE MACRO rounds_all(v, half, x, tol) AS
    CASE WHEN half > 0 THEN v - half >= x - tol AND v + half <= x + tol ELSE v >= x - tol AND v < x + tol END;
CREATE OR REPLACE MACRO rounds_some(v, half, x, tol) AS
    CASE WHEN half > 0 THEN v - half < x + tol AND v + half > x - tol ELSE v >= x - tol AND v < x + tol END;

-- rounding_rules: the three rounding rules, as a table to cross join.
--   rounding   : the rule's name (half_up, half_even or either)
--   description: what the rule does
CREATE OR REPLACE VIEW internal.rounding_rules AS
SELECT * FROM (VALUES
    ('half_up', 'halves round up (spreadsheet ROUND)'),
    ('half_even', 'halves round to the even neighbour (banker''s rounding)'),
    ('either', 'half up or half even: a share exactly on .5 may print either way')
) AS t(rounding, description);

-- fmt_num: a number as printed text, without a trailing '.0' for whole numbers.
CREATE OR REPLACE MACRO fmt_num(x) AS
    CASE WHEN x = floor(x) THEN CAST(CAST(x AS BIGINT) AS VARCHAR) ELSE CAST(round(x, 2) AS VARCHAR) END;
