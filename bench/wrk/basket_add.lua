-- Add to basket, as a new visitor each time (wrk keeps no cookies): a POST of
-- the add-to-basket form for one of the benchmark's products in turn, with a
-- CSRF cookie and the same token in the form, as a browser sends them.
-- BENCH_BASKET_PATHS names a file of /basket/add/<pk>/ paths, one a line.
local token = "benchcsrftoken0123456789abcdefgh"
local paths = {}
for line in io.lines(os.getenv("BENCH_BASKET_PATHS")) do
  paths[#paths + 1] = line
end
local body = "csrfmiddlewaretoken=" .. token .. "&quantity=1"
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = "csrftoken=" .. token,
}
local sent = 0

function request()
  sent = sent + 1
  return wrk.format("POST", paths[(sent % #paths) + 1], headers, body)
end
