using System.Diagnostics;
using Protokol.Web.Mail;

namespace Protokol.Web.Tests;

/// <summary>A claim's owner is judged gone only when it surely is: a process on this host that no longer runs, or whose id now belongs to a later process.</summary>
public sealed class MailSenderIdentityTests
{
    [Fact]
    public async Task Only_a_process_of_this_host_that_no_longer_runs_is_gone()
    {
        Assert.False(MailSenderIdentity.IsGone(MailSenderIdentity.Current));
        Assert.False(MailSenderIdentity.IsGone("another-host/1/1700000000"), "a sender on another host is waited out, never judged");
        Assert.False(MailSenderIdentity.IsGone("not an owner"));

        // A process that ran and was killed.
        using var ended = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var owner = MailSenderIdentity.Describe(Environment.MachineName, ended.Id, new DateTimeOffset(ended.StartTime.ToUniversalTime(), TimeSpan.Zero));
        Assert.False(MailSenderIdentity.IsGone(owner));
        ended.Kill();
        await ended.WaitForExitAsync();
        Assert.True(MailSenderIdentity.IsGone(owner));

        // This process's id with another start: the id was taken by a later process.
        using var self = Process.GetCurrentProcess();
        Assert.True(MailSenderIdentity.IsGone(MailSenderIdentity.Describe(Environment.MachineName, self.Id, new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero).AddHours(-1))));
        Assert.False(MailSenderIdentity.IsGone(MailSenderIdentity.Describe(Environment.MachineName, self.Id, new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero))));
    }
}
