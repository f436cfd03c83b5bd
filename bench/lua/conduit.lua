-- Conduit scenarios for wrk:  wrk -s bench/lua/conduit.lua URL -- <scenario> <data.lua>
-- data.lua (written by bench/run.py) returns {tokens=..., slugs=..., tags=..., emails=..., password=...}.
-- done() prints one JSON line, prefixed BENCH_JSON, with exact percentiles and error counts.

local data, scenario
local threads, counter = 0, 0
local JSON = { ["Content-Type"] = "application/json" }

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local function any(list) return list[math.random(#list)] end
local function page(pages) return "limit=20&offset=" .. 20 * math.random(0, pages - 1) end
local function auth() return { ["Authorization"] = "Token " .. any(data.tokens) } end
local function auth_json()
  return { ["Authorization"] = "Token " .. any(data.tokens), ["Content-Type"] = "application/json" }
end
local function get(path, headers) return wrk.format("GET", path, headers) end

local scenarios = {
  anonymous_list = function() return get("/api/articles?" .. page(5)) end,
  authenticated_list = function() return get("/api/articles?" .. page(5), auth()) end,
  feed = function() return get("/api/articles/feed?" .. page(3), auth()) end,
  article = function() return get("/api/articles/" .. any(data.slugs)) end,
  tag_filter = function() return get("/api/articles?tag=" .. any(data.tags) .. "&" .. page(2)) end,
  tags = function() return get("/api/tags") end,
  login = function()
    local body = '{"user":{"email":"' .. any(data.emails) .. '","password":"' .. data.password .. '"}}'
    return wrk.format("POST", "/api/users/login", JSON, body)
  end,
  ceiling = function() return wrk.request() end, -- the URL given to wrk, as it is
}

-- The mixed workload: 80% reads (as a signed-in reader browses), 20% writes.
local mixed = {
  { 0.25, scenarios.anonymous_list },
  { 0.40, scenarios.article },
  { 0.50, scenarios.authenticated_list },
  { 0.60, scenarios.feed },
  { 0.67, scenarios.tag_filter },
  { 0.72, scenarios.tags },
  { 0.80, function() return get("/api/articles/" .. any(data.slugs) .. "/comments", auth()) end },
  { 0.88, function() return wrk.format("POST", "/api/articles/" .. any(data.slugs) .. "/favorite", auth()) end },
  { 0.93, function() return wrk.format("DELETE", "/api/articles/" .. any(data.slugs) .. "/favorite", auth()) end },
  { 0.98, function()
      return wrk.format("POST", "/api/articles/" .. any(data.slugs) .. "/comments", auth_json(),
        '{"comment":{"body":"Measured under load, and it held up."}}')
    end },
  { 1.00, function()
      counter = counter + 1
      local title = "Bench article " .. thread_id .. "-" .. counter .. "-" .. math.random(1e9)
      return wrk.format("POST", "/api/articles", auth_json(), '{"article":{"title":"' .. title
        .. '","description":"load","body":"Written by the benchmark.","tagList":["bench"]}}')
    end },
}

local function pick(table)
  local roll = math.random()
  for _, entry in ipairs(table) do
    if roll < entry[1] then return entry[2]() end
  end
  return table[#table][2]()
end

scenarios.mixed = function() return pick(mixed) end

-- At scale (bench/scale.py): anonymous reads of what a busy site serves most (list pages 1-10, the
-- most used tag, the tags, recent articles), then the same with 5% writes by many users.
local scale_reads = {
  { 0.40, function() return get("/api/articles?" .. page(10)) end },
  { 0.60, function() return get("/api/articles?tag=" .. data.tags[1] .. "&" .. page(3)) end },
  { 0.70, scenarios.tags },
  { 1.00, scenarios.article },
}
local scale_writes = {
  { 0.30, function() return wrk.format("POST", "/api/articles/" .. any(data.slugs) .. "/favorite", auth()) end },
  { 0.60, function() return wrk.format("DELETE", "/api/articles/" .. any(data.slugs) .. "/favorite", auth()) end },
  { 0.80, mixed[10][2] }, -- a comment
  { 1.00, mixed[11][2] }, -- a new article
}
-- Many distinct signed-in readers (bench/scale.py): every request carries one of some 300 tokens.
scenarios.distinct_list = function() return get("/api/articles?" .. page(10), auth()) end
scenarios.distinct_feed = function() return get("/api/articles/feed?" .. page(10), auth()) end
scenarios.distinct_article = function() return get("/api/articles/" .. any(data.slugs), auth()) end
local reader_mix = {
  { 0.27, scenarios.distinct_list },
  { 0.54, scenarios.distinct_feed },
  { 0.80, scenarios.distinct_article },
  { 0.85, mixed[8][2] }, -- favorite
  { 0.90, mixed[9][2] }, -- unfavorite
  { 1.00, mixed[10][2] }, -- a comment
}
scenarios.reader_mix = function() return pick(reader_mix) end

scenarios.scale_reads = function() return pick(scale_reads) end
scenarios.scale_mixed = function()
  if math.random() < 0.05 then return pick(scale_writes) end
  return pick(scale_reads)
end

function init(args)
  scenario = scenarios[args[1]]
  if scenario == nil then error("unknown scenario: " .. tostring(args[1])) end
  data = dofile(args[2])
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request() return scenario() end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
