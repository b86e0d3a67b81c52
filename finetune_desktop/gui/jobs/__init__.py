"""The Jobs screen: job list, job detail with live loss chart, the polling monitor and the new-job form."""
