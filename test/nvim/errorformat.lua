-- Loads a mapsafe text report into the quickfix list with the errorformat README.md gives,
-- run by test/nvim.test.ts:
--   MAPSAFE_EFM='%f:%l:%c: %m' MAPSAFE_REPORT=/abs/report.txt MAPSAFE_OUT=/abs/out.json \
--     nvim --headless --clean -n -c 'luafile test/nvim/errorformat.lua'
local out = {}
local ok, err = pcall(function()
  vim.o.errorformat = os.getenv('MAPSAFE_EFM')
  vim.cmd('cgetfile ' .. vim.fn.fnameescape(os.getenv('MAPSAFE_REPORT')))
  for _, e in ipairs(vim.fn.getqflist()) do
    table.insert(out, {
      valid = e.valid, lnum = e.lnum, col = e.col, text = e.text,
      file = e.bufnr > 0 and vim.fn.fnamemodify(vim.api.nvim_buf_get_name(e.bufnr), ':.') or '',
    })
  end
end)
if not ok then out = { error = tostring(err) } end
local f = assert(io.open(os.getenv('MAPSAFE_OUT'), 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qall!')
