using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Search;

/// <summary>Maps tracked changes to the search sources they touch; sources of new records are read after they have ids.</summary>
internal static class SearchChangeCapture
{
    public static List<Func<string?>> Collect(ChangeTracker tracker)
    {
        var sources = new List<Func<string?>>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            // Deleted rows keep their keys now; new rows get theirs when saved.
            switch (entry.Entity)
            {
                case Meeting m:
                    Add(sources, entry, () => "m:" + m.Id);
                    break;
                case AgendaItem i:
                    Add(sources, entry, () => "m:" + i.MeetingId);
                    break;
                case Attendance a:
                    Add(sources, entry, () => "m:" + a.MeetingId);
                    break;
                case Attachment a:
                    Add(sources, entry, () => "m:" + a.MeetingId);
                    break;
                case Person p:
                    Add(sources, entry, () => "p:" + p.Id);
                    break;
                case Membership m:
                    Add(sources, entry, () => "p:" + m.PersonId);
                    break;
                case Hearing h:
                    Add(sources, entry, () => "h:" + h.Id);
                    break;
                case Organization o when entry.State != EntityState.Added:
                    Add(sources, entry, () => "o:" + o.Id);
                    break;
                case Location l when entry.State != EntityState.Added:
                    Add(sources, entry, () => "l:" + l.Id);
                    break;
                case PersonAlias:
                    var owner = entry.Property("PersonId");
                    Add(sources, entry, () => "p:" + owner.CurrentValue);
                    break;
                default:
                    break;
            }
        }

        return sources;
    }

    private static void Add(List<Func<string?>> sources, EntityEntry entry, Func<string> source)
    {
        if (entry.State == EntityState.Added)
        {
            sources.Add(source);
        }
        else
        {
            var now = source();
            sources.Add(() => now);
        }
    }
}
