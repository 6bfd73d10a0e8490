-- Headless Neovim (0.7+) as a real LSP client of `mapsafe lsp`, run by test/nvim.test.ts:
--   MAPSAFE_NODE=node MAPSAFE_BIN=/abs/bin/mapsafe.js MAPSAFE_FILE=/abs/racy.go MAPSAFE_OUT=/abs/out.json \
--     nvim --headless --clean -n -c 'luafile test/nvim/lsp.lua'
-- Opens the file, waits for diagnostics, asks for code actions on the first one, then fixes
-- the buffer (without saving) and waits for the diagnostics to clear; writes what it saw to
-- MAPSAFE_OUT as JSON and quits.
local result = { errors = {} }

local function finish()
  local f = assert(io.open(os.getenv('MAPSAFE_OUT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local file = os.getenv('MAPSAFE_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'mapsafe',
    cmd = { os.getenv('MAPSAFE_NODE') or 'node', os.getenv('MAPSAFE_BIN'), 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_stderr = function(_, data) table.insert(result.errors, data) end,
  })
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  result.got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end

  local first = vim.diagnostic.get(bufnr)[1]
  if first then
    local pos = { line = first.lnum, character = first.col }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = pos, ['end'] = pos },
      context = { diagnostics = {}, only = { 'quickfix' } },
    }, 10000)
    result.code_actions = {}
    for _, r in pairs(responses or {}) do
      if r.err then table.insert(result.errors, vim.inspect(r.err)) end
      for _, action in ipairs(r.result or {}) do table.insert(result.code_actions, action) end
    end
    result.code_action_responses = vim.tbl_count(responses or {})

    -- Fix the buffer without saving: the server analyses the unsaved text.
    local line = vim.api.nvim_buf_get_lines(bufnr, first.lnum, first.lnum + 1, true)[1]
    vim.api.nvim_buf_set_lines(bufnr, first.lnum, first.lnum + 1, true, { '\t_ = m // fixed: ' .. line:gsub('^%s+', '') })
    result.cleared = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  end

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
