// The running total of a ballot: the cost of the ticked projects, beside the budget.
// The page works without it (the total of the saved ballot is shown by the server).
document.addEventListener("change", function (event) {
  var form = event.target.closest("form.ballot");
  if (!form) { return; }
  var total = 0;
  form.querySelectorAll("input[type=checkbox][data-cost]").forEach(function (box) {
    if (box.checked) { total += parseInt(box.dataset.cost, 10); }
  });
  var shown = form.querySelector("[data-running-total]");
  var exponent = parseInt(shown.dataset.exponent, 10);
  // Integers only, as everywhere money is shown: whole units, then the minor digits.
  var scale = Math.pow(10, exponent);
  var minor = String(total % scale).padStart(exponent, "0");
  var whole = Math.floor(total / scale).toLocaleString("en");
  shown.textContent = whole + (exponent ? "." + minor : "") + " " + shown.dataset.currency;
});
