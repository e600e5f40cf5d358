using Microsoft.AspNetCore.Html;
using Protokol.Core.Common;

namespace Protokol.Web.BackOffice;

/// <summary>
/// The form a refused save came from, for the page shown again with the problem: every field keeps what the
/// user typed (a refused title must not wipe the case text typed beside it), and a problem about one field
/// is shown at that field. A page has several forms that share field names ("title", "text"), so a form asks
/// by its handler (and, for one of many forms of the same handler, by the record it edits).
/// </summary>
public sealed class PostedForm
{
    public static readonly PostedForm None = new(null, null, []);

    private readonly string? _handler;
    private readonly IFormCollection? _form;
    private readonly IReadOnlyList<FieldProblem> _problems;

    private PostedForm(string? handler, IFormCollection? form, IReadOnlyList<FieldProblem> problems)
    {
        _handler = handler;
        _form = form;
        _problems = problems;
    }

    /// <summary>The form of the request that was refused, with the fields the refusal names.</summary>
    public static PostedForm Refused(HttpRequest request, IReadOnlyList<FieldProblem> problems)
    {
        var handler = request.RouteValues["handler"] as string ?? request.Query["handler"].ToString();
        return new PostedForm(handler, request.HasFormContentType ? request.Form : null, problems);
    }

    /// <summary>True when the refused request came from the form of <paramref name="handler"/> (for <paramref name="item"/>, the record in its "item" field).</summary>
    public bool Is(string handler, int? item = null) =>
        _form is not null && string.Equals(_handler, handler, StringComparison.OrdinalIgnoreCase)
        && (item is null || _form["item"].ToString() == item.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// What was typed into the field <paramref name="name"/> of that form, or <paramref name="stored"/> when the form was not
    /// the one refused. A form that posts what its page showed (a field "seen-" + name, see <see cref="SeenPrefix"/>) gets
    /// <paramref name="stored"/> for a field she left as shown, so saving again does not undo what another session saved there.
    /// </summary>
    public string? Value(string handler, string name, string? stored = null, int? item = null) =>
        !Is(handler, item) ? stored
        : LeftAsShown(name, _form![name].ToString()) ? stored
        : _form[name].ToString();

    /// <summary>Whether a checkbox of that form was checked (its "seen-" field holds "true" or "false"), or <paramref name="stored"/>.</summary>
    public bool Checked(string handler, string name, bool stored, int? item = null)
    {
        if (!Is(handler, item))
        {
            return stored;
        }

        var checkedNow = _form![name].Count > 0;
        return LeftAsShown(name, checkedNow ? "true" : "false") ? stored : checkedNow;
    }

    /// <summary>The prefix of the hidden fields by which a form posts what its page showed, for merging with a newer save.</summary>
    public const string SeenPrefix = "seen-";

    private bool LeftAsShown(string name, string posted) =>
        _form!.TryGetValue(SeenPrefix + name, out var seen)
        && string.Equals(Normalized(seen.ToString()), Normalized(posted), StringComparison.OrdinalIgnoreCase);

    private static string Normalized(string value) => value.ReplaceLineEndings("\n").Trim();

    /// <summary>The problem with the field labelled <paramref name="field"/> of that form, if the refusal named it.</summary>
    public string? ErrorAt(string handler, string field, int? item = null) =>
        Is(handler, item) ? _problems.Where(p => p.Field == field).Select(p => p.Message).FirstOrDefault() : null;

    /// <summary>The field's error message as the design system shows it above the input (id <paramref name="inputId"/>-error), or nothing.</summary>
    public static IHtmlContent Message(string inputId, string? error) =>
        error is null ? HtmlString.Empty
            : new HtmlContentBuilder().AppendHtml($"<span class=\"form-error-message\" id=\"{inputId}-error\"><span class=\"sr-only\">Fejl: </span>")
                .Append(error).AppendHtml("</span>");
}
