-- Runs after the README's Neovim config (loaded as init.lua): opens each case's file as a user would, waits for the
-- server's diagnostics, asks for completion and hover where the case says, writes what Neovim got to a JSON file for
-- the test to assert on, and quits. Every wait polls with a timeout (vim.wait); nothing sleeps a fixed time.
local cases = vim.fn.json_decode(vim.fn.readfile(vim.env.AUTH0_NVIM_CASES))
local results = { cases = {}, errors = {} }
local WAIT_MS = tonumber(vim.env.AUTH0_NVIM_WAIT_MS) or 15000

-- Publications by uri, counted as they arrive: "the server answered this file" is then observable even when the
-- answer is an empty list (a file the server does not serve).
local publications = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then
    local seen = publications[result.uri] or { count = 0, nonEmpty = 0 }
    seen.count = seen.count + 1
    if #result.diagnostics > 0 then seen.nonEmpty = seen.nonEmpty + 1 end
    seen.last = #result.diagnostics
    publications[result.uri] = seen
  end
  return publish(err, result, ctx, config)
end

-- The ids of the clients the README config starts, so that a server that dies (not built, crashed) ends the waits at
-- once. get_client_by_id also knows clients still initializing, which get_active_clients does not list in 0.7.
local started_clients = {}
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  local id = start_client(config)
  if id then started_clients[#started_clients + 1] = id end
  return id
end

local function our_client_running()
  for _, id in ipairs(started_clients) do
    local client = vim.lsp.get_client_by_id(id)
    if client and not client.is_stopped() then return true end
  end
  return false
end

local function request(bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  if not answers then error(method .. ' got no answer: ' .. tostring(err)) end
  for _, answer in pairs(answers) do
    if answer.err then error(method .. ' failed: ' .. vim.inspect(answer.err)) end
    if answer.result ~= nil and answer.result ~= vim.NIL then return answer.result end
  end
  return nil
end

local function run_case(case)
  vim.cmd('edit ' .. vim.fn.fnameescape(case.path))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local got = { path = case.path, mode = vim.bo[bufnr].filetype }
  results.cases[#results.cases + 1] = got
  local started = vim.loop.hrtime()
  -- A file the settings make ours may first be answered as not ours (before the client has sent its settings), so
  -- a case that expects diagnostics waits for a non-empty publication.
  local function answered()
    local seen = publications[uri]
    return seen and (case.waitFor == 'publication' or seen.nonEmpty > 0)
  end
  vim.wait(WAIT_MS, function() return answered() or not our_client_running() end, 10)
  got.waitedMs = math.floor((vim.loop.hrtime() - started) / 1e6)
  if not our_client_running() then
    got.error = 'the server stopped (or never started)'
    return
  elseif not answered() then
    got.error = 'no diagnostics within ' .. WAIT_MS .. ' ms'
    return
  end
  -- What the server sent last, beside what Neovim shows (the same here; Emacs may not have shown it yet).
  got.published = publications[uri].last
  got.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    got.diagnostics[#got.diagnostics + 1] = { line = d.lnum, message = d.message }
  end
  if case.completionAt then
    local result = request(bufnr, 'textDocument/completion', case.completionAt)
    got.completion = {}
    for _, item in ipairs(result and (result.items or result) or {}) do got.completion[#got.completion + 1] = item.label end
  end
  if case.hoverAt then
    local result = request(bufnr, 'textDocument/hover', case.hoverAt)
    -- The lines Neovim's own hover window shows (MarkupContent, MarkedString or a list of them).
    got.hover = result and table.concat(vim.lsp.util.convert_input_to_markdown_lines(result.contents), '\n') or ''
  end
end

local ok, err = pcall(function()
  for _, case in ipairs(cases) do
    local case_ok, case_err = pcall(run_case, case)
    if not case_ok then results.errors[#results.errors + 1] = case.path .. ': ' .. tostring(case_err) end
  end
end)
if not ok then results.errors[#results.errors + 1] = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(results) }, vim.env.AUTH0_NVIM_RESULTS)
vim.cmd('qa!')
