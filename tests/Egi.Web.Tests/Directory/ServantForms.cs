using System.Globalization;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Directory;

/// <summary>Forms of the directory's pages as the browser posts them.</summary>
public static class ServantForms
{
    /// <summary>The edit form of a servant (Directory/Servants/Edit) as the page fills it, with some fields replaced.</summary>
    public static async Task<Dictionary<string, string>> EditFormAsync(EgiAppFactory app, int id, params (string Field, string Value)[] changes)
    {
        static string S(int n) => n.ToString(CultureInfo.InvariantCulture);
        var s = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(x => x.Id == id));
        var form = new Dictionary<string, string>
        {
            ["Input.DocumentNumber"] = s.DocumentNumber,
            ["Input.FirstNames"] = s.FirstNames,
            ["Input.LastNames"] = s.LastNames,
            ["Input.Email"] = s.Email,
            ["Input.JobTitle"] = s.JobTitle,
            ["Input.JobCode"] = s.JobCode,
            ["Input.JobGrade"] = s.JobGrade,
            ["Input.Level"] = s.Level.ToString(),
            ["Input.DependencyId"] = S(s.DependencyId),
            ["Input.EmploymentType"] = s.EmploymentType.ToString(),
            ["Input.HireDate"] = s.HireDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.RetirementDate"] = s.RetirementDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["Input.BossId"] = s.BossId is { } b ? S(b) : "",
        };
        if (s.HasStaff) form["Input.HasStaff"] = "true";
        if (s.IsPublicManager) form["Input.IsPublicManager"] = "true";
        foreach (var (field, value) in changes) form["Input." + field] = value;
        return form;
    }
}
