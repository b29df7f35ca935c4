-- Seed reference rates (units of quote per 1 USD), valid from 2000-01-01 until a newer row for the pair exists.
-- They are approximate and make a fresh install convert at all; load real daily rates (e.g. ECB reference
-- rates) into fx_rates for exact reporting: INSERT ... ON CONFLICT (base, quote, rate_date) DO UPDATE.
INSERT INTO fx_rates (base, quote, rate_date, rate, source) VALUES
  ('USD', 'EUR', DATE '2000-01-01', 0.9200, 'seed'),
  ('USD', 'GBP', DATE '2000-01-01', 0.7900, 'seed'),
  ('USD', 'CAD', DATE '2000-01-01', 1.3600, 'seed'),
  ('USD', 'AUD', DATE '2000-01-01', 1.5200, 'seed'),
  ('USD', 'NZD', DATE '2000-01-01', 1.6600, 'seed'),
  ('USD', 'JPY', DATE '2000-01-01', 150.0000, 'seed'),
  ('USD', 'CHF', DATE '2000-01-01', 0.8800, 'seed'),
  ('USD', 'SEK', DATE '2000-01-01', 10.5000, 'seed'),
  ('USD', 'NOK', DATE '2000-01-01', 10.6000, 'seed'),
  ('USD', 'DKK', DATE '2000-01-01', 6.8700, 'seed'),
  ('USD', 'PLN', DATE '2000-01-01', 3.9800, 'seed'),
  ('USD', 'SGD', DATE '2000-01-01', 1.3400, 'seed'),
  ('USD', 'HKD', DATE '2000-01-01', 7.8000, 'seed'),
  ('USD', 'INR', DATE '2000-01-01', 83.2000, 'seed'),
  ('USD', 'BRL', DATE '2000-01-01', 5.0000, 'seed'),
  ('USD', 'MXN', DATE '2000-01-01', 17.1000, 'seed'),
  ('USD', 'ZAR', DATE '2000-01-01', 18.5000, 'seed'),
  ('USD', 'CNY', DATE '2000-01-01', 7.2000, 'seed'),
  ('USD', 'KRW', DATE '2000-01-01', 1330.0000, 'seed'),
  ('USD', 'AED', DATE '2000-01-01', 3.6725, 'seed');
